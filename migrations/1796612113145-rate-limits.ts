import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request budgets of the write routes, counted in PostgreSQL so they hold across every web
 * process: one row per budget key (`<limit>:client:<address>` or `<limit>:account:<user id>`)
 * with the hits of its current window. Unlogged: counters are worth nothing after a crash,
 * and skipping the write-ahead log keeps the one upsert per write request cheap.
 */
export class RateLimits1796612113145 implements MigrationInterface {
  name = 'RateLimits1796612113145';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_counters (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        resets_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_counters`);
  }
}
