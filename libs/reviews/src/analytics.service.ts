import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WITA } from './wita.js';

export const STAT_KINDS = ['product_view', 'storefront_view', 'search_impression', 'search_click', 'cart_add'] as const;
export type StatKind = (typeof STAT_KINDS)[number];

/** The two request headers bot filtering looks at; any framework's request can supply them. */
export interface VisitHeaders {
  'user-agent'?: string | string[];
  'accept-language'?: string | string[];
}

const CRAWLERS = /bot\b|bot\/|crawl|spider|slurp|mediapartners|facebookexternalhit|embedly|preview|headless|lighthouse|pingdom|uptime|curl\/|wget|python-requests|httpclient|go-http-client|scrapy|ahrefs|semrush|bingpreview/i;

export type StatTarget = { productId: string } | { sellerId: string } | { sellerSlug: string };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** Bots are left out of the counts: no Accept-Language header, or a known crawler's user agent. */
export function isBot(headers: VisitHeaders): boolean {
  return !first(headers['accept-language']).trim() || CRAWLERS.test(first(headers['user-agent']));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Anonymous daily counters for seller analytics: one row per seller, WITA day, kind and
 * product, incremented in place. Nothing about the visitor is stored, and no cookie is set.
 * Other libs call `record`/`recordProducts` (e.g. search for impressions) with the
 * request's headers so bots are left out the same way everywhere.
 */
@Injectable()
export class Analytics {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one event about a product (its seller is looked up) or about a seller alone (e.g. a storefront view). */
  async record(kind: StatKind, target: StatTarget, headers?: VisitHeaders): Promise<void> {
    if ('productId' in target) return this.recordProducts(kind, [target.productId], headers);
    if (headers && isBot(headers)) return;
    const [column, value] = 'sellerId' in target ? ['id', target.sellerId] : ['slug', target.sellerSlug.toLowerCase()];
    if (column === 'id' && !UUID.test(value)) return;
    await this.dataSource.query(
      `INSERT INTO daily_stats (day, kind, seller_id, product_id, count)
       SELECT (now() AT TIME ZONE '${WITA}')::date, $1, s.id, NULL, 1 FROM sellers s WHERE s.${column} = $2
       ON CONFLICT (seller_id, day, kind, product_id) DO UPDATE SET count = daily_stats.count + 1`,
      [kind, value],
    );
  }

  /** Counts one event per listed product (a product listed twice counts twice), in one statement. */
  async recordProducts(kind: StatKind, productIds: readonly string[], headers?: VisitHeaders): Promise<void> {
    const ids = productIds.filter((id) => UUID.test(id));
    if (ids.length === 0 || (headers && isBot(headers))) return;
    await this.dataSource.query(
      `INSERT INTO daily_stats (day, kind, seller_id, product_id, count)
       SELECT (now() AT TIME ZONE '${WITA}')::date, $1, p.seller_id, p.id, count(*)
       FROM unnest($2::uuid[]) AS u(id) JOIN products p ON p.id = u.id
       GROUP BY p.seller_id, p.id
       ON CONFLICT (seller_id, day, kind, product_id) DO UPDATE SET count = daily_stats.count + EXCLUDED.count`,
      [kind, ids],
    );
  }
}
