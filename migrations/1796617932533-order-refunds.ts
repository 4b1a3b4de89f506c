import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parts of an order given back to its buyer (commerce, libs/commerce/src/payments/order-refunds.service.ts):
 * a dispute's partial refund, say. One row per refund, unique by its idempotency key; `owed` until
 * Stripe refunded it (`refunded`, with the Stripe refund id) or an admin recorded the bank transfer
 * that sent it back (`sent`, with the bank's reference). The whole-order refund paths give back
 * only the order's total less these.
 */
export class OrderRefunds1796617932533 implements MigrationInterface {
  name = 'OrderRefunds1796617932533';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        method text NOT NULL CHECK (method IN ('bank_transfer', 'stripe', 'invoice')),
        status text NOT NULL DEFAULT 'owed' CHECK (status IN ('owed', 'sent', 'refunded')),
        stripe_refund_id text,
        bank_reference text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_refunds_order ON order_refunds (order_id)`);
    await db.query(`CREATE INDEX order_refunds_owed ON order_refunds (created_at) WHERE status = 'owed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE order_refunds`);
  }
}
