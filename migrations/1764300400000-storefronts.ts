import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Storefront drafts and every published version (kept for rollback). */
export class Storefronts1764300400000 implements MigrationInterface {
  name = 'Storefronts1764300400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE storefronts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL UNIQUE REFERENCES sellers(id) ON DELETE CASCADE,
        draft jsonb NOT NULL,
        published_version int,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE storefront_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version > 0),
        document jsonb NOT NULL,
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        restored_from int,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (seller_id, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE storefront_versions`);
    await db.query(`DROP TABLE storefronts`);
  }
}
