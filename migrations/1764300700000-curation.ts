import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Curation1764300700000 implements MigrationInterface {
  name = 'Curation1764300700000';

  async up(db: QueryRunner): Promise<void> {
    // No foreign keys: an audit entry outlives its actor and subject, and a cascade would be an edit.
    await db.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        action text NOT NULL CHECK (length(action) BETWEEN 1 AND 80),
        subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 40),
        subject_id uuid NOT NULL,
        regency text,
        reason text,
        data jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, id)`);
    await db.query(`CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, at DESC)`);
    await db.query(`CREATE INDEX audit_log_regency ON audit_log (regency, at DESC)`);
    await db.query(`CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC)`);
    // Append-only: privileges are revoked, and a trigger refuses edits even from the table's owner.
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
    await db.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_no_edit BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await db.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    await db.query(`
      CREATE TABLE featured_sellers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        collection text CHECK (length(collection) BETWEEN 1 AND 80),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text CHECK (length(note) <= 500),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await db.query(`CREATE INDEX featured_sellers_window ON featured_sellers (starts_at, ends_at)`);
    await db.query(`CREATE INDEX featured_sellers_seller ON featured_sellers (seller_id)`);

    await db.query(`
      CREATE TABLE curation_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        curator_id uuid REFERENCES users(id),
        legality smallint NOT NULL CHECK (legality BETWEEN 1 AND 5),
        product_quality smallint NOT NULL CHECK (product_quality BETWEEN 1 AND 5),
        packaging_labelling smallint NOT NULL CHECK (packaging_labelling BETWEEN 1 AND 5),
        capacity_continuity smallint NOT NULL CHECK (capacity_continuity BETWEEN 1 AND 5),
        market_reach smallint NOT NULL CHECK (market_reach BETWEEN 1 AND 5),
        uniqueness smallint NOT NULL CHECK (uniqueness BETWEEN 1 AND 5),
        total smallint NOT NULL CHECK (total BETWEEN 6 AND 30),
        grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
        feedback jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX curation_assessments_seller ON curation_assessments (seller_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE curation_assessments, featured_sellers`);
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
