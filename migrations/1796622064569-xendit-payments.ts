import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Xendit invoices (QRIS, virtual accounts, e-wallets, retail outlets) as a payment method of
 * commerce: the invoice's id, how the buyer paid (Xendit's payment_method and payment_channel),
 * what Xendit reported paid and its fee (IDR minor units), when, and when the sweep last asked
 * Xendit about an invoice whose callback never came. `paid_amount` is recorded even when short of
 * the payment's amount (then not accepted as paid), so an admin sees it.
 */
export class XenditPayments1796622064569 implements MigrationInterface {
  name = 'XenditPayments1796622064569';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments DROP CONSTRAINT payments_method_check`);
    await db.query(`ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('bank_transfer', 'stripe', 'xendit'))`);
    await db.query(`
      ALTER TABLE payments
        ADD COLUMN xendit_invoice_id text UNIQUE,
        ADD COLUMN payment_channel_type text,
        ADD COLUMN payment_channel text,
        ADD COLUMN paid_amount bigint CHECK (paid_amount >= 0),
        ADD COLUMN gateway_fee_amount bigint CHECK (gateway_fee_amount >= 0),
        ADD COLUMN paid_at timestamptz,
        ADD COLUMN gateway_checked_at timestamptz`);
    await db.query(`CREATE INDEX payments_xendit_pending ON payments (created_at) WHERE method = 'xendit' AND status = 'pending'`);
    await db.query(`ALTER TABLE order_refunds DROP CONSTRAINT order_refunds_method_check`);
    await db.query(`ALTER TABLE order_refunds ADD CONSTRAINT order_refunds_method_check CHECK (method IN ('bank_transfer', 'stripe', 'invoice', 'xendit'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_refunds DROP CONSTRAINT order_refunds_method_check`);
    await db.query(`ALTER TABLE order_refunds ADD CONSTRAINT order_refunds_method_check CHECK (method IN ('bank_transfer', 'stripe', 'invoice'))`);
    await db.query(`DROP INDEX payments_xendit_pending`);
    await db.query(`
      ALTER TABLE payments DROP COLUMN xendit_invoice_id, DROP COLUMN payment_channel_type, DROP COLUMN payment_channel,
        DROP COLUMN paid_amount, DROP COLUMN gateway_fee_amount, DROP COLUMN paid_at, DROP COLUMN gateway_checked_at`);
    await db.query(`ALTER TABLE payments DROP CONSTRAINT payments_method_check`);
    await db.query(`ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('bank_transfer', 'stripe'))`);
  }
}
