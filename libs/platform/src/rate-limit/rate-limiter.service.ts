import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Problem } from '../http/problem.js';
import { Scheduled } from '../jobs/job-handler.decorator.js';
import { RATE_LIMITS, type RateLimitName, type RateLimitRule } from './rate-limits.js';

/** Who a request is counted against: its client address key, and its account when signed in. */
export interface RateLimitSubject {
  client: string;
  accountId?: string;
}

interface Bucket {
  key: string;
  limit: number;
  windowSeconds: number;
  rule: RateLimitRule;
  per: 'client' | 'account';
}

function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Request budgets counted in `rate_limit_counters`, so they hold across every web process.
 * A window starts at a key's first hit and lasts the rule's `windowSeconds`; every request
 * counts, refused ones too, so hammering does not shorten the wait.
 */
@Injectable()
export class RateLimiter {
  private readonly factor: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.factor = config.rateLimitFactor;
  }

  private buckets(names: RateLimitName[], subject: RateLimitSubject): Bucket[] {
    return names
      .flatMap((name): Bucket[] => {
        const rule: RateLimitRule = RATE_LIMITS[name];
        const scaled = (limit: number) => Math.max(1, Math.floor(limit * this.factor));
        return [
          ...(rule.perClient ? [{ key: `${name}:client:${subject.client}`, limit: scaled(rule.perClient), windowSeconds: rule.windowSeconds, rule, per: 'client' as const }] : []),
          ...(rule.perAccount && subject.accountId
            ? [{ key: `${name}:account:${subject.accountId}`, limit: scaled(rule.perAccount), windowSeconds: rule.windowSeconds, rule, per: 'account' as const }]
            : []),
        ];
      })
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** Counts one request against each named budget in one statement; any budget spent → 429 with the longest wait. */
  async consume(names: RateLimitName[], subject: RateLimitSubject): Promise<void> {
    const buckets = this.buckets(names, subject);
    if (buckets.length === 0) return;
    // Rows are locked in key order, so two requests sharing keys never deadlock.
    const rows: Array<{ key: string; hits: number; retry_after: number }> = await this.dataSource.query(
      `INSERT INTO rate_limit_counters AS c (key, hits, resets_at)
       SELECT key, 1, now() + make_interval(secs => window_seconds) FROM unnest($1::text[], $2::int[]) AS b(key, window_seconds) ORDER BY key
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.resets_at > now() THEN c.hits + 1 ELSE 1 END,
         resets_at = CASE WHEN c.resets_at > now() THEN c.resets_at ELSE excluded.resets_at END
       RETURNING key, hits, ceil(extract(epoch FROM resets_at - now()))::int AS retry_after`,
      [buckets.map((b) => b.key), buckets.map((b) => b.windowSeconds)],
    );
    let refused: { bucket: Bucket; retryAfter: number } | undefined;
    for (const row of rows) {
      const bucket = buckets.find((b) => b.key === row.key)!;
      const retryAfter = Math.max(1, row.retry_after);
      if (row.hits > bucket.limit && (!refused || retryAfter > refused.retryAfter)) refused = { bucket, retryAfter };
    }
    if (refused) {
      const from = refused.bucket.per === 'client' ? 'this network address' : 'this account';
      throw new Problem(429, `Too many ${refused.bucket.rule.what} from ${from}; please try again in ${waitText(refused.retryAfter)}.`, {
        retryAfterSeconds: refused.retryAfter,
      });
    }
  }

  /** Drops counters whose window is over (a new request starts a fresh window anyway). */
  @Scheduled(60 * 60_000)
  async deleteExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(`DELETE FROM rate_limit_counters WHERE resets_at <= now()`);
    return count;
  }
}
