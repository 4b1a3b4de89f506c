import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until when an unpaid order holds its stock: ORDER_EXPIRY_MINUTES after checkout, longer for an
 * accepted export quote (until the quote's validity ends, as an international transfer takes
 * days). Orders from before this column expire by their creation time, as they did.
 */
export class OrderPayBy1764300520000 implements MigrationInterface {
  name = 'OrderPayBy1764300520000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN pay_by timestamptz`);
    await db.query(`CREATE INDEX orders_pay_by ON orders (pay_by) WHERE status = 'pending_payment'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN pay_by`);
  }
}
