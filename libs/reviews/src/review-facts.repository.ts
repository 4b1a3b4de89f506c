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

  /** A product anyone may see (not a draft), else undefined. */
  async publicProduct(productId: string): Promise<{ sellerId: string; title: Text } | undefined> {
    const [row] = await this.dataSource.query(`SELECT seller_id AS "sellerId", title FROM products WHERE id = $1 AND status <> 'draft'`, [productId]);
    return row;
  }
}
