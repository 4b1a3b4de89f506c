import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platform gave back of a card payment on its own: a payment that arrives after its
 * orders were cancelled (expired unpaid, or cancelled by buyer or seller) is refunded, since the
 * stock it would have bought was already released.
 */
export class PaymentRefunds1764300510000 implements MigrationInterface {
  name = 'PaymentRefunds1764300510000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments
        ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        ADD COLUMN stripe_refund_id text UNIQUE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments DROP COLUMN refunded_amount, DROP COLUMN stripe_refund_id`);
  }
}
