import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Text } from '#libs/platform';
import type { DateRange } from '../date-range.dto.js';
import { tableExists } from '../optional-tables.js';
import { addDays, WITA, witaStart } from '../wita.js';

/** An order counts as a sale once paid, until it is cancelled or refunded. */
export const SALE_STATUSES = ['paid', 'processing', 'shipped', 'delivered', 'completed'];

export interface DayCounts {
  storefrontViews: number;
  views: number;
  impressions: number;
  clicks: number;
  cartAdds: number;
}
export interface DaySales {
  orders: number;
  revenue: number;
}
export interface TopProduct {
  productId: string;
  title: Text;
  views: number;
  quantity: number;
  revenue: number;
}

const KIND_FIELDS: Record<string, keyof DayCounts> = { storefront_view: 'storefrontViews', product_view: 'views', search_impression: 'impressions', search_click: 'clicks', cart_add: 'cartAdds' };

/**
 * Read-only reporting over daily_stats and the public read views of commerce (commerce_orders_v,
 * commerce_order_lines_v), catalogue (catalogue_products_v), export (export_rfqs_v) and ledger (ledger_settled_sales_v), for one
 * seller and a WITA date range.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private bounds(range: DateRange): [Date, Date] {
    return [witaStart(range.from), witaStart(addDays(range.to, 1))];
  }

  async countsByDay(sellerId: string, range: DateRange): Promise<Map<string, DayCounts>> {
    const rows: Array<{ day: string; kind: string; count: string }> = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, sum(count) AS count FROM daily_stats
       WHERE seller_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day, kind`,
      [sellerId, range.from, range.to],
    );
    const days = new Map<string, DayCounts>();
    for (const row of rows) {
      const field = KIND_FIELDS[row.kind];
      if (!field) continue;
      const day = days.get(row.day) ?? { storefrontViews: 0, views: 0, impressions: 0, clicks: 0, cartAdds: 0 };
      day[field] += Number(row.count);
      days.set(row.day, day);
    }
    return days;
  }

  async salesByDay(sellerId: string, range: DateRange): Promise<Map<string, DaySales>> {
    const [from, to] = this.bounds(range);
    const rows: Array<{ day: string; orders: number; revenue: string }> = await this.dataSource.query(
      `SELECT to_char((created_at AT TIME ZONE '${WITA}')::date, 'YYYY-MM-DD') AS day, count(*)::int AS orders, sum(total_amount) AS revenue
       FROM commerce_orders_v WHERE seller_id = $1 AND status = ANY($2) AND created_at >= $3 AND created_at < $4 GROUP BY 1`,
      [sellerId, SALE_STATUSES, from, to],
    );
    return new Map(rows.map((r) => [r.day, { orders: r.orders, revenue: Number(r.revenue) }]));
  }

  /**
   * Settled sales per WITA month (the KUR statement): orders whose money the ledger released to the
   * seller, at the release, less refunds (ledger_settled_sales_v, the ledger's public read model).
   */
  async settledSalesByMonth(sellerId: string, range: DateRange): Promise<Map<string, DaySales>> {
    const [from, to] = this.bounds(range);
    const rows: Array<{ month: string; orders: number; revenue: string }> = await this.dataSource.query(
      `SELECT to_char(at AT TIME ZONE '${WITA}', 'YYYY-MM') AS month, count(*) FILTER (WHERE kind = 'settled')::int AS orders, sum(amount) AS revenue
       FROM ledger_settled_sales_v WHERE seller_id = $1 AND at >= $2 AND at < $3 GROUP BY 1`,
      [sellerId, from, to],
    );
    return new Map(rows.map((r) => [r.month, { orders: r.orders, revenue: Number(r.revenue) }]));
  }

  /** Products by revenue, then views, over the range. */
  async topProducts(sellerId: string, range: DateRange, limit = 10): Promise<TopProduct[]> {
    const [from, to] = this.bounds(range);
    const rows: Array<{ productId: string; title: Text; views: string; quantity: string; revenue: string }> = await this.dataSource.query(
      `WITH sold AS (
         SELECT l.product_id, sum(l.quantity) AS quantity, sum(l.quantity * l.unit_price_amount) AS revenue
         FROM commerce_order_lines_v l JOIN commerce_orders_v o ON o.id = l.order_id
         WHERE o.seller_id = $1 AND o.status = ANY($2) AND o.created_at >= $3 AND o.created_at < $4 GROUP BY l.product_id
       ), seen AS (
         SELECT product_id, sum(count) AS views FROM daily_stats
         WHERE seller_id = $1 AND kind = 'product_view' AND product_id IS NOT NULL AND day BETWEEN $5::date AND $6::date GROUP BY product_id
       )
       SELECT p.id AS "productId", p.title, coalesce(seen.views, 0) AS views, coalesce(sold.quantity, 0) AS quantity, coalesce(sold.revenue, 0) AS revenue
       FROM catalogue_products_v p LEFT JOIN sold ON sold.product_id = p.id LEFT JOIN seen ON seen.product_id = p.id
       WHERE p.seller_id = $1 AND (sold.product_id IS NOT NULL OR seen.product_id IS NOT NULL)
       ORDER BY revenue DESC, views DESC, p.id LIMIT $7`,
      [sellerId, SALE_STATUSES, from, to, range.from, range.to, limit],
    );
    return rows.map((r) => ({ productId: r.productId, title: r.title, views: Number(r.views), quantity: Number(r.quantity), revenue: Number(r.revenue) }));
  }

  /** Sales by the country of the shipping address (ISO code), most first. */
  async buyerCountries(sellerId: string, range: DateRange): Promise<Array<{ country: string; orders: number }>> {
    const [from, to] = this.bounds(range);
    return this.dataSource.query(
      `SELECT upper(coalesce(shipping_country, '??')) AS country, count(*)::int AS orders FROM commerce_orders_v
       WHERE seller_id = $1 AND status = ANY($2) AND created_at >= $3 AND created_at < $4 GROUP BY 1 ORDER BY 2 DESC, 1`,
      [sellerId, SALE_STATUSES, from, to],
    );
  }

  /** RFQs addressed to the seller in the range, and how many of them ended in an accepted quote. */
  async rfqs(sellerId: string, range: DateRange): Promise<{ received: number; won: number }> {
    if (!(await tableExists(this.dataSource, 'export_rfqs_v'))) return { received: 0, won: 0 };
    const [from, to] = this.bounds(range);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS received, count(*) FILTER (WHERE status = 'accepted')::int AS won FROM export_rfqs_v
       WHERE seller_id = $1 AND created_at >= $2 AND created_at < $3`,
      [sellerId, from, to],
    );
    return row;
  }
}
