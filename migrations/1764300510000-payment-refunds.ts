import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platform gave back to the card for an order on its own: a cancelled order whose card
 * payment was charged (the seller cancelled it after payment, or the charge arrived after the
 * cancellation) is refunded, since its stock was released.
 */
export class PaymentRefunds1764300510000 implements MigrationInterface {
  name = 'PaymentRefunds1764300510000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orders
        ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        ADD COLUMN stripe_refund_id text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN refunded_amount, DROP COLUMN stripe_refund_id`);
  }
}
