import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Media may belong to a buyer instead of a seller (review photos): `seller_id` becomes
 * optional and `uploaded_by` names the user; every image keeps exactly one owner.
 */
export class MediaUploaders1764300210000 implements MigrationInterface {
  name = 'MediaUploaders1764300210000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE media ALTER COLUMN seller_id DROP NOT NULL`);
    await db.query(`ALTER TABLE media ADD COLUMN uploaded_by uuid REFERENCES users(id)`);
    await db.query(`ALTER TABLE media ADD CONSTRAINT media_one_owner CHECK ((seller_id IS NULL) <> (uploaded_by IS NULL))`);
    await db.query(`CREATE INDEX media_uploaded_by ON media (uploaded_by) WHERE uploaded_by IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM media WHERE seller_id IS NULL`);
    await db.query(`ALTER TABLE media DROP COLUMN uploaded_by`);
    await db.query(`ALTER TABLE media ALTER COLUMN seller_id SET NOT NULL`);
  }
}
