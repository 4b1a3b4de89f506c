import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LOGGER, type Logger } from '#libs/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { witaDate } from '../wita.js';

export const STAT_KINDS = ['product_view', 'storefront_view', 'search_impression', 'search_click', 'cart_add'] as const;
export type StatKind = (typeof STAT_KINDS)[number];

/** The two request headers bot filtering looks at; any framework's request can supply them. */
export interface VisitHeaders {
  'user-agent'?: string | string[];
  'accept-language'?: string | string[];
}

const CRAWLERS =
  /bot\b|bot\/|crawl|spider|slurp|mediapartners|facebookexternalhit|embedly|preview|headless|lighthouse|pingdom|uptime|curl\/|wget|python-requests|httpclient|go-http-client|scrapy|ahrefs|semrush|bingpreview/i;

export type StatTarget = { productId: string } | { sellerId: string } | { sellerSlug: string };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** Bots are left out of the counts: no Accept-Language header, or a known crawler's user agent. */
export function isBot(headers: VisitHeaders): boolean {
  return !first(headers['accept-language']).trim() || CRAWLERS.test(first(headers['user-agent']));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Counts are written in batches at most this far apart (and before every report, and at shutdown). */
const FLUSH_MS = 2000;
/** While the database cannot take the counts, at most this many distinct counters wait in memory. */
const MAX_PENDING = 50_000;

interface Counter {
  day: string;
  kind: StatKind;
  productId: string | null;
  sellerId: string | null;
  sellerSlug: string | null;
  count: number;
}

/**
 * Anonymous daily counters for seller analytics: one row per seller, WITA day, kind and
 * product. Nothing about the visitor is stored, and no cookie is set. Events are summed in
 * memory and added to `daily_stats` in one statement every couple of seconds, so a busy
 * search page (twenty impressions a request) or storefront never queues on a hot row.
 * Other libs call `record`/`recordProducts` with the request's headers so bots are left
 * out the same way everywhere; search reports its impressions through `res.locals` (VisitCounter).
 */
@Injectable()
export class Analytics implements OnModuleInit, OnModuleDestroy {
  private pending = new Map<string, Counter>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch((err: unknown) => this.logger.warn({ err }, 'visit counts not written yet; will retry')), FLUSH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((err: unknown) => this.logger.warn({ err }, 'visit counts lost at shutdown'));
  }

  /** Counts one event about a product (its seller is looked up) or about a seller alone (e.g. a storefront view). */
  async record(kind: StatKind, target: StatTarget, headers?: VisitHeaders): Promise<void> {
    if ('productId' in target) return this.recordProducts(kind, [target.productId], headers);
    if (headers && isBot(headers)) return;
    if ('sellerId' in target) {
      if (UUID.test(target.sellerId)) this.add(kind, { sellerId: target.sellerId });
    } else {
      this.add(kind, { sellerSlug: target.sellerSlug.toLowerCase() });
    }
  }

  /** Counts one event per listed product (a product listed twice counts twice). */
  async recordProducts(kind: StatKind, productIds: readonly string[], headers?: VisitHeaders): Promise<void> {
    if (headers && isBot(headers)) return;
    for (const id of productIds) if (UUID.test(id)) this.add(kind, { productId: id.toLowerCase() });
  }

  /** Writes every pending count now (reports call this first, so they include the last seconds). */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(() => this.write());
    return this.flushing;
  }

  private add(kind: StatKind, target: { productId?: string; sellerId?: string; sellerSlug?: string }): void {
    this.merge({ day: witaDate(new Date()), kind, productId: target.productId ?? null, sellerId: target.sellerId ?? null, sellerSlug: target.sellerSlug ?? null, count: 1 });
  }

  private merge(counter: Counter): void {
    const key = `${counter.day}|${counter.kind}|${counter.productId ?? ''}|${counter.sellerId ?? ''}|${counter.sellerSlug ?? ''}`;
    const existing = this.pending.get(key);
    if (existing) existing.count += counter.count;
    else if (this.pending.size < MAX_PENDING) this.pending.set(key, { ...counter });
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const counters = [...this.pending.values()];
    this.pending = new Map();
    try {
      // A product's seller is looked up; unknown products and sellers are dropped by the joins.
      await this.dataSource.query(
        `INSERT INTO daily_stats (day, kind, seller_id, product_id, count)
         SELECT u.day, u.kind, coalesce(p.seller_id, s.id), p.id, sum(u.count)
         FROM unnest($1::date[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::int[]) AS u(day, kind, product_id, seller_id, seller_slug, count)
         LEFT JOIN catalogue_products_v p ON p.id = u.product_id
         LEFT JOIN sellers_public_v s ON u.product_id IS NULL AND (s.id = u.seller_id OR s.slug = u.seller_slug)
         WHERE coalesce(p.seller_id, s.id) IS NOT NULL
         GROUP BY 1, 2, 3, 4
         ON CONFLICT (seller_id, day, kind, product_id) DO UPDATE SET count = daily_stats.count + EXCLUDED.count`,
        [counters.map((c) => c.day), counters.map((c) => c.kind), counters.map((c) => c.productId), counters.map((c) => c.sellerId), counters.map((c) => c.sellerSlug), counters.map((c) => c.count)],
      );
    } catch (error) {
      // Put the counts back so the next flush tries again.
      for (const counter of counters) this.merge(counter);
      throw error;
    }
  }
}
