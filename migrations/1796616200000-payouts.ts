import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts (libs/ledger): the bank account a seller or a cooperative is paid to, payout batches (one
 * per run: weekly on its own, or an admin's request) and one payout per owner and batch.
 *
 * Owners are plain uuids (`owner_type` seller|cooperative), as in `ledger_accounts`: the ledger
 * names no other lib's table. The account number is stored in full (the bank needs it in the
 * bulk-transfer file) and shown only as its last four digits. A payout keeps a copy of the account
 * it was created for, so a later change does not redirect money already on its way.
 * `UNIQUE (batch_id, owner_type, owner_id)`: one payout per owner and batch; `run_key` makes the
 * weekly run once per week whatever the number of workers.
 */
export class Payouts1796616200000 implements MigrationInterface {
  name = 'Payouts1796616200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_payout_accounts (
        owner_type text NOT NULL CHECK (owner_type IN ('seller', 'cooperative')),
        owner_id uuid NOT NULL,
        bank_code text NOT NULL CHECK (bank_code ~ '^[A-Z][A-Z0-9_]{1,30}$'),
        account_number text NOT NULL CHECK (account_number ~ '^[0-9]{5,20}$'),
        account_holder_name text NOT NULL CHECK (length(account_holder_name) BETWEEN 1 AND 100),
        status text NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified', 'mismatch')),
        payouts_held_until timestamptz,
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (owner_type, owner_id)
      )`);
    await db.query(`
      CREATE TABLE ledger_payout_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_key text UNIQUE,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE ledger_payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES ledger_payout_batches(id),
        owner_type text NOT NULL CHECK (owner_type IN ('seller', 'cooperative')),
        owner_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL DEFAULT 'IDR' CHECK (currency = 'IDR'),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'paid', 'failed')),
        bank_code text NOT NULL,
        account_number text NOT NULL,
        account_holder_name text NOT NULL,
        bank_reference text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        paid_at timestamptz,
        failed_at timestamptz,
        decided_by uuid,
        UNIQUE (batch_id, owner_type, owner_id)
      )`);
    await db.query(`CREATE INDEX ledger_payouts_owner ON ledger_payouts (owner_type, owner_id, created_at DESC)`);
    await db.query(`CREATE INDEX ledger_payouts_open ON ledger_payouts (batch_id) WHERE status IN ('pending', 'sent')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_payouts, ledger_payout_batches, ledger_payout_accounts`);
  }
}
