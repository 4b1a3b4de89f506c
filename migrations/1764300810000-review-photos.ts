import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Up to four photos per review, each an image its buyer uploaded (media.uploaded_by) and
 * used by one review only. The seller index on `updated_at` serves the storefront's change
 * stamp, which asks for the newest review change of a seller on every visit.
 */
export class ReviewPhotos1764300810000 implements MigrationInterface {
  name = 'ReviewPhotos1764300810000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE review_photos (
        review_id uuid NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        media_id uuid NOT NULL UNIQUE REFERENCES media(id),
        position smallint NOT NULL CHECK (position BETWEEN 0 AND 3),
        PRIMARY KEY (review_id, position)
      )`);
    await db.query(`CREATE INDEX reviews_seller_changed ON reviews (seller_id, updated_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reviews_seller_changed`);
    await db.query(`DROP TABLE review_photos`);
  }
}
