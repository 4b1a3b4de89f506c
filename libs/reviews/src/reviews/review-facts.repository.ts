import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ProductsService } from '#libs/catalogue';
import type { Text } from '#libs/platform';
import { SellersService } from '#libs/sellers';

export interface OrderLineFacts {
  orderLineId: string;
  orderId: string;
  title: Text;
  productId: string;
  sellerId: string;
  buyerId: string;
  orderStatus: string;
}

/**
 * Read-only look-ups reviews needs in other contexts: commerce's order lines (its views
 * commerce_order_lines_v, commerce_orders_v, joined in one query), catalogue's media
 * (catalogue_media_v, anti-joined with review_photos), and products and sellers through their services.
 */
@Injectable()
export class ReviewFacts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly sellers: SellersService,
  ) {}

  async orderLine(orderLineId: string, manager: EntityManager = this.dataSource.manager): Promise<OrderLineFacts | undefined> {
    const [row] = await manager.query(
      `SELECT l.id AS "orderLineId", l.order_id AS "orderId", l.title, l.product_id AS "productId", o.seller_id AS "sellerId", o.buyer_id AS "buyerId", o.status AS "orderStatus"
       FROM commerce_order_lines_v l JOIN commerce_orders_v o ON o.id = l.order_id WHERE l.id = $1`,
      [orderLineId],
    );
    return row;
  }

  /** A completed order line of this buyer that has no review yet: the right to upload review photos. */
  async unreviewedLine(buyerId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT l.id FROM commerce_order_lines_v l JOIN commerce_orders_v o ON o.id = l.order_id
       WHERE o.buyer_id = $1 AND o.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.order_line_id = l.id)
       ORDER BY o.created_at DESC LIMIT 1`,
      [buyerId],
    );
    return row?.id;
  }

  /** Each product of which this buyer has a completed order line with no review yet, with its newest such line. */
  async unreviewedLines(buyerId: string): Promise<Map<string, string>> {
    const rows: Array<{ product_id: string; id: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (l.product_id) l.product_id, l.id FROM commerce_order_lines_v l JOIN commerce_orders_v o ON o.id = l.order_id
       WHERE o.buyer_id = $1 AND o.status = 'completed' AND l.product_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.order_line_id = l.id)
       ORDER BY l.product_id, o.created_at DESC`,
      [buyerId],
    );
    return new Map(rows.map((row) => [row.product_id, row.id]));
  }

  /** Photos users uploaded more than `hours` ago that no review shows (the review was never sent). */
  async unusedPhotoUploads(hours: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT m.id FROM catalogue_media_v m
       WHERE m.uploaded_by IS NOT NULL AND m.created_at < now() - make_interval(hours => $1)
         AND NOT EXISTS (SELECT 1 FROM review_photos rp WHERE rp.media_id = m.id)
         AND NOT EXISTS (SELECT 1 FROM disputes_photos_v dp WHERE dp.media_id = m.id) -- disputes' public view: photos a dispute keeps
       ORDER BY m.created_at LIMIT $2`,
      [hours, limit],
    );
    return rows.map((row) => row.id);
  }

  /** A seller anyone may see (not suspended), else undefined. */
  async publicSeller(sellerId: string): Promise<{ name: string; slug: string } | undefined> {
    const seller = await this.sellers.findById(sellerId);
    return seller && !seller.suspendedAt ? { name: seller.name, slug: seller.slug } : undefined;
  }

  async productTitles(productIds: string[]): Promise<Map<string, Text>> {
    const rows = await this.products.findByIds(productIds);
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** A product anyone may see (not a draft), else undefined. */
  async publicProduct(productId: string): Promise<{ sellerId: string; title: Text } | undefined> {
    const [row] = await this.products.findByIds([productId]);
    return row && row.status !== 'draft' ? { sellerId: row.sellerId, title: row.title } : undefined;
  }
}
