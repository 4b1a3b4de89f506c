import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's public read model of settled sales, for the KUR sales statement (reviews) and the
 * curators' dashboard (curation): sales count once the buyer's money is released to the seller,
 * not when the order is paid. One row when an order's money is released (`settled`: what the buyer
 * paid less what was refunded before release, at the release) and one per refund after it
 * (`refunded`, negative, at the refund), so a month's figure never changes after the month ends
 * except by a later month's correction.
 */
export class LedgerSettledSalesView1796622009987 implements MigrationInterface {
  name = 'LedgerSettledSalesView1796622009987';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW ledger_settled_sales_v AS
      SELECT c.reference_id AS order_id, (p.metadata->>'sellerId')::uuid AS seller_id, 'settled'::text AS kind, c.created_at AS at,
             (p.metadata->>'total')::bigint - COALESCE((
               SELECT sum((r.metadata->>'amount')::bigint) FROM ledger_transactions r
               WHERE r.reference_type = 'order' AND r.reference_id = c.reference_id AND r.kind = 'refund' AND r.created_at <= c.created_at), 0) AS amount
      FROM ledger_transactions c
      JOIN ledger_transactions p ON p.reference_type = 'order' AND p.reference_id = c.reference_id AND p.kind = 'payment'
      WHERE c.reference_type = 'order' AND c.kind = 'release'
      UNION ALL
      SELECT r.reference_id, (p.metadata->>'sellerId')::uuid, 'refunded', r.created_at, -(r.metadata->>'amount')::bigint
      FROM ledger_transactions r
      JOIN ledger_transactions c ON c.reference_type = 'order' AND c.reference_id = r.reference_id AND c.kind = 'release' AND c.created_at < r.created_at
      JOIN ledger_transactions p ON p.reference_type = 'order' AND p.reference_id = r.reference_id AND p.kind = 'payment'
      WHERE r.reference_type = 'order' AND r.kind = 'refund'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW ledger_settled_sales_v`);
  }
}
