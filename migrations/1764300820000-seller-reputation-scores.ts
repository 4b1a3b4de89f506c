import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reputation score of each seller (reviews recomputes it), which search reads into its
 * documents as a tie-breaker. `updated_at` moves only when the score changes, so search's
 * document version (and reconcile) sees exactly the real changes.
 */
export class SellerReputationScores1764300820000 implements MigrationInterface {
  name = 'SellerReputationScores1764300820000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE seller_reputation_scores (
        seller_id uuid PRIMARY KEY REFERENCES sellers(id) ON DELETE CASCADE,
        score real NOT NULL CHECK (score BETWEEN 0 AND 1),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE seller_reputation_scores`);
  }
}
