import type { MigrationInterface, QueryRunner } from 'typeorm';

const NOTICE_TABLES = ['sellers', 'storefronts', 'products', 'reviews', 'product_variants', 'product_images'] as const;

/**
 * Jobs, schedules and domain events move to graphile-worker, whose own schema (`graphile_worker`)
 * is installed and upgraded by the library at start (`migrateJobSchema`), not here.
 *
 * - The home-made `jobs` table goes. Nothing is moved: jobs still queued at upgrade time are
 *   dropped. They are all re-derivable (search reconcile repairs the index within ten minutes, the
 *   hourly sweeps queue reputation scores and owed card refunds again, and an interrupted import
 *   stays `queued` in `imports` for its owner to upload again); an unsent notification is lost.
 *   Stop the workers, let the queue run dry, then upgrade, to lose none.
 * - The storefront change-notice triggers of 1764300900000 go: the storefront lib now sends its
 *   `pk_storefront` notice from a domain-event listener inside the transaction that records
 *   ProductChanged, SellerChanged, ReviewChanged or StorefrontPublished, so no trigger is hidden
 *   in a migration. (A change made by hand in SQL no longer refreshes a cached storefront page:
 *   restart the web processes, or send `SELECT pg_notify('pk_storefront', '<seller id>')`.)
 */
export class JobsOnGraphileWorker1796613657969 implements MigrationInterface {
  name = 'JobsOnGraphileWorker1796613657969';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE jobs`);
    for (const table of NOTICE_TABLES) await db.query(`DROP TRIGGER ${table}_storefront_notice ON ${table}`);
    await db.query(`DROP FUNCTION pk_storefront_notice()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL DEFAULT 8,
        run_at timestamptz NOT NULL DEFAULT now(),
        locked_at timestamptz,
        dedupe_key text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX jobs_ready ON jobs (status, run_at)`);
    await db.query(`CREATE UNIQUE INDEX jobs_dedupe_queued ON jobs (dedupe_key) WHERE status = 'queued'`);
    await db.query(`
      CREATE FUNCTION pk_storefront_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
      BEGIN
        IF TG_ARGV[0] = 'product_id' THEN
          PERFORM pg_notify('pk_storefront', p.seller_id::text) FROM products p WHERE p.id = (changed ->> 'product_id')::uuid;
        ELSE
          PERFORM pg_notify('pk_storefront', changed ->> TG_ARGV[0]);
        END IF;
        RETURN NULL;
      END $$`);
    const columns: Record<(typeof NOTICE_TABLES)[number], string> = {
      sellers: 'id',
      storefronts: 'seller_id',
      products: 'seller_id',
      reviews: 'seller_id',
      product_variants: 'product_id',
      product_images: 'product_id',
    };
    for (const table of NOTICE_TABLES) {
      await db.query(`CREATE TRIGGER ${table}_storefront_notice AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION pk_storefront_notice('${columns[table]}')`);
    }
  }
}
