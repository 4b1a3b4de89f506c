import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { tableExists } from '../optional-tables.js';
import { HANDLING_HOURS, type MetricValues } from './reputation-model.js';

export interface SellerMetrics extends MetricValues {
  reviewCount: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * Reputation figures computed from reviews, commerce's order history (commerce_orders_v,
 * commerce_order_events_v) and export's RFQs (export_rfqs_v), read-only, for many sellers at
 * once over one window [from, to).
 */
@Injectable()
export class ReputationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async metrics(sellerIds: readonly string[], from: Date, to: Date): Promise<Map<string, SellerMetrics>> {
    const ids = [...new Set(sellerIds)];
    const result = new Map<string, SellerMetrics>(ids.map((id) => [id, { rating: null, reviewCount: 0, onTimeShipping: null, cancellationRate: null, rfqResponseMedianHours: null, paidOrders: 0 }]));
    if (ids.length === 0) return result;
    const [ratings, orders, rfqs] = await Promise.all([this.ratings(ids, from, to), this.orders(ids, from, to), this.rfqs(ids, from, to)]);
    for (const r of ratings) Object.assign(result.get(r.sellerId)!, { rating: Math.round(Number(r.average) * 100) / 100, reviewCount: r.count });
    for (const o of orders) {
      Object.assign(result.get(o.sellerId)!, { paidOrders: o.paid, onTimeShipping: ratio(o.onTime, o.due), cancellationRate: ratio(o.cancelled, o.paid) });
    }
    for (const q of rfqs) result.get(q.sellerId)!.rfqResponseMedianHours = Math.round(Number(q.medianHours) * 10) / 10;
    return result;
  }

  private ratings(ids: string[], from: Date, to: Date): Promise<Array<{ sellerId: string; average: string; count: number }>> {
    return this.dataSource.query(
      `SELECT seller_id AS "sellerId", avg(rating) AS average, count(*)::int AS count FROM reviews
       WHERE seller_id = ANY($1::uuid[]) AND hidden_at IS NULL AND created_at >= $2 AND created_at < $3 GROUP BY seller_id`,
      [ids, from, to],
    );
  }

  /** Orders first paid inside the window, with when they shipped and whether they were cancelled. */
  private orders(ids: string[], from: Date, to: Date): Promise<Array<{ sellerId: string; paid: number; due: number; onTime: number; cancelled: number }>> {
    return this.dataSource.query(
      `WITH paid AS (
         SELECT o.id, o.seller_id, min(e.at) AS paid_at,
                min(e2.at) FILTER (WHERE e2.status = 'shipped') AS shipped_at,
                bool_or(e2.status = 'cancelled') AS cancelled
         FROM commerce_orders_v o
         JOIN commerce_order_events_v e ON e.order_id = o.id AND e.status = 'paid' AND e.actor_role IN ('admin', 'system')
         JOIN commerce_order_events_v e2 ON e2.order_id = o.id
         WHERE o.seller_id = ANY($1::uuid[])
         GROUP BY o.id, o.seller_id
       )
       SELECT seller_id AS "sellerId",
              count(*)::int AS paid,
              count(*) FILTER (WHERE NOT cancelled AND (shipped_at IS NOT NULL OR paid_at + make_interval(hours => $4) <= least(now(), $3::timestamptz)))::int AS due,
              count(*) FILTER (WHERE NOT cancelled AND shipped_at <= paid_at + make_interval(hours => $4))::int AS "onTime",
              count(*) FILTER (WHERE cancelled)::int AS cancelled
       FROM paid WHERE paid_at >= $2 AND paid_at < $3 GROUP BY seller_id`,
      [ids, from, to, HANDLING_HOURS],
    );
  }

  /** Median hours to the first answer; an unanswered RFQ counts up to now (or the window's end). */
  private async rfqs(ids: string[], from: Date, to: Date): Promise<Array<{ sellerId: string; medianHours: string }>> {
    if (!(await tableExists(this.dataSource, 'export_rfqs_v'))) return [];
    return this.dataSource.query(
      `SELECT r.seller_id AS "sellerId",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (
                coalesce(r.first_response_at, r.first_quote_at, least(now(), $3::timestamptz)) - r.created_at)) / 3600) AS "medianHours"
       FROM export_rfqs_v r WHERE r.seller_id = ANY($1::uuid[]) AND r.created_at >= $2 AND r.created_at < $3 GROUP BY r.seller_id`,
      [ids, from, to],
    );
  }
}
