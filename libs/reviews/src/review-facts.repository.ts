import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Text } from '#libs/platform';

export interface OrderLineFacts {
  orderLineId: string;
  orderId: string;
  title: Text;
  productId: string;
  sellerId: string;
  buyerId: string;
  orderStatus: string;
}

/** Read-only look-ups in commerce's and catalogue's tables that reviews need. */
@Injectable()
export class ReviewFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async orderLine(orderLineId: string, manager: EntityManager = this.dataSource.manager): Promise<OrderLineFacts | undefined> {
    const [row] = await manager.query(
      `SELECT l.id AS "orderLineId", l.order_id AS "orderId", l.title, l.product_id AS "productId", o.seller_id AS "sellerId", o.buyer_id AS "buyerId", o.status AS "orderStatus"
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.id = $1`,
      [orderLineId],
    );
    return row;
  }

  /**
   * A completed order line of this buyer that has no review yet (of `productId` when given):
   * the product page's "write a review" link, and the right to upload review photos.
   */
  async unreviewedLine(buyerId: string, productId?: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE o.buyer_id = $1 AND ($2::uuid IS NULL OR l.product_id = $2) AND o.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.order_line_id = l.id)
       ORDER BY o.created_at DESC LIMIT 1`,
      [buyerId, productId ?? null],
    );
    return row?.id;
  }

  /** Photos users uploaded more than `hours` ago that no review shows (the review was never sent). */
  async unusedPhotoUploads(hours: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT m.id FROM media m
       WHERE m.uploaded_by IS NOT NULL AND m.created_at < now() - make_interval(hours => $1)
         AND NOT EXISTS (SELECT 1 FROM review_photos rp WHERE rp.media_id = m.id)
       ORDER BY m.created_at LIMIT $2`,
      [hours, limit],
    );
    return rows.map((row) => row.id);
  }

  /** A seller anyone may see (not suspended), else undefined. */
  async publicSeller(sellerId: string): Promise<{ name: string; slug: string } | undefined> {
    const [row] = await this.dataSource.query(`SELECT name, slug FROM sellers WHERE id = $1 AND suspended_at IS NULL`, [sellerId]);
    return row;
  }

  async productTitles(productIds: string[]): Promise<Map<string, Text>> {
    const rows: Array<{ id: string; title: Text }> = productIds.length ? await this.dataSource.query(`SELECT id, title FROM products WHERE id = ANY($1::uuid[])`, [productIds]) : [];
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** A product anyone may see (not a draft), else undefined. */
  async publicProduct(productId: string): Promise<{ sellerId: string; title: Text } | undefined> {
    const [row] = await this.dataSource.query(`SELECT seller_id AS "sellerId", title FROM products WHERE id = $1 AND status <> 'draft'`, [productId]);
    return row;
  }
}
