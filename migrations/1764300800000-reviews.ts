import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified reviews (one per order line), reports of reviews, and anonymous daily counters
 * for seller analytics. Product and seller ids are copied onto the review so listings and
 * reputation need no join through commerce; the order line keeps the "verified" link.
 * `daily_stats` holds counts only: no user, cookie or address ever reaches it.
 */
export class Reviews1764300800000 implements MigrationInterface {
  name = 'Reviews1764300800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_line_id uuid NOT NULL UNIQUE REFERENCES order_lines(id),
        product_id uuid NOT NULL,
        seller_id uuid NOT NULL,
        buyer_id uuid NOT NULL REFERENCES users(id),
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        text text NOT NULL CHECK (length(text) <= 2000),
        language text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
        reply_text text CHECK (length(reply_text) <= 2000),
        reply_author_id uuid REFERENCES users(id),
        replied_at timestamptz,
        hidden_at timestamptz,
        hidden_reason text,
        hidden_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX reviews_product ON reviews (product_id, created_at DESC) WHERE hidden_at IS NULL`);
    await db.query(`CREATE INDEX reviews_seller ON reviews (seller_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE review_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (review_id, reporter_id)
      )`);
    await db.query(`CREATE INDEX review_reports_open ON review_reports (created_at) WHERE resolved_at IS NULL`);
    await db.query(`
      CREATE TABLE daily_stats (
        day date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('product_view', 'storefront_view', 'search_impression', 'search_click', 'cart_add')),
        seller_id uuid NOT NULL,
        product_id uuid,
        count bigint NOT NULL DEFAULT 0 CHECK (count >= 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX daily_stats_key ON daily_stats (seller_id, day, kind, product_id) NULLS NOT DISTINCT`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE daily_stats, review_reports, reviews`);
  }
}
