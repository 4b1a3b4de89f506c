import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Problem, Scheduled } from '#libs/platform';
import { DataSource } from 'typeorm';

const WINDOW_MINUTES = 15;
const LIMITS = { account: 5, ip: 30 };

/**
 * Failed sign-ins counted per account and per client address in PostgreSQL, so the limit
 * holds across every web process. Over the limit → 429 before the password is checked.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private keys(email: string, ip: string) {
    return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const rows: Array<{ key: string; failures: number; retry_after: number }> = await this.dataSource.query(
      `SELECT key, failures, ceil(extract(epoch FROM window_started_at + make_interval(mins => $2) - now()))::int AS retry_after
       FROM auth_throttle WHERE key = ANY($1) AND window_started_at > now() - make_interval(mins => $2)`,
      [[keys.account, keys.ip], WINDOW_MINUTES],
    );
    for (const row of rows) {
      const limit = row.key === keys.account ? LIMITS.account : LIMITS.ip;
      if (row.failures >= limit) {
        throw new Problem(429, `Too many failed sign-ins; try again in ${Math.ceil(row.retry_after / 60)} minutes`, {
          retryAfterSeconds: row.retry_after,
        });
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.dataSource.query(
      `INSERT INTO auth_throttle (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_started_at > now() - make_interval(mins => $2) THEN auth_throttle.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN auth_throttle.window_started_at > now() - make_interval(mins => $2) THEN auth_throttle.window_started_at ELSE now() END`,
      [[keys.account, keys.ip], WINDOW_MINUTES],
    );
  }

  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_throttle WHERE key = $1`, [this.keys(email, '').account]);
  }

  /**
   * Counts one request under `key` (e.g. `reset:<email>`) in the same 15-minute windows and refuses
   * the ones past `limit` with 429: mails about an account (password reset, verification) are
   * limited per address or account whoever asks, on top of the routes' budgets per client.
   */
  async countAttempt(key: string, limit: number): Promise<void> {
    const [row]: Array<{ failures: number; retry_after: number }> = await this.dataSource.query(
      `INSERT INTO auth_throttle AS a (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_started_at > now() - make_interval(mins => $2) THEN a.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN a.window_started_at > now() - make_interval(mins => $2) THEN a.window_started_at ELSE now() END
       RETURNING failures, ceil(extract(epoch FROM window_started_at + make_interval(mins => $2) - now()))::int AS retry_after`,
      [key, WINDOW_MINUTES],
    );
    if (row!.failures > limit) {
      throw new Problem(429, `Too many requests for this account; try again in ${Math.ceil(row!.retry_after / 60)} minutes`, { retryAfterSeconds: Math.max(1, row!.retry_after) });
    }
  }

  /** Drops counts whose window is over: they no longer refuse anyone, and the table would keep every address ever seen. */
  @Scheduled(60 * 60_000)
  async deleteExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(`DELETE FROM auth_throttle WHERE window_started_at <= now() - make_interval(mins => $1)`, [WINDOW_MINUTES]);
    return count;
  }
}
