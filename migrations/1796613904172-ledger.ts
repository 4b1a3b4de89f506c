import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger (libs/ledger): accounts, append-only transactions and their entries,
 * balances kept by the database in the posting's transaction, and the fee schedule.
 *
 * Amounts are signed bigint minor units of IDR: a debit is positive, a credit negative, so every
 * transaction's entries sum to zero (a deferred constraint trigger refuses one that does not, or
 * one with fewer than two entries, at commit) and so does the whole ledger (the trial balance).
 * `ledger_balances` is updated by a statement trigger on `ledger_entries`, per account and once
 * per statement, so it cannot drift from the entries; its sign check refuses a seller's or a
 * cooperative's held, available or in-transit money going below zero and `owed` going negative.
 * The ledger names no other lib's table (owner ids are plain uuids, checked by the callers).
 */
export class Ledger1796613904172 implements MigrationInterface {
  name = 'Ledger1796613904172';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ledger_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (length(code) <= 120),
        owner_type text NOT NULL CHECK (owner_type IN ('seller', 'cooperative', 'platform')),
        owner_id uuid,
        kind text NOT NULL CHECK (kind IN ('held', 'available', 'in_transit', 'owed', 'clearing', 'commission', 'refunds_payable', 'payouts_clearing')),
        normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
        currency text NOT NULL DEFAULT 'IDR' CHECK (currency = 'IDR'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_accounts_code_shape CHECK (
          CASE owner_type
            WHEN 'platform' THEN owner_id IS NULL AND (
              (kind IN ('commission', 'refunds_payable', 'payouts_clearing') AND code = 'platform:' || kind)
              OR (kind = 'clearing' AND code ~ '^platform:clearing:[a-z][a-z0-9_]{0,39}$'))
            ELSE owner_id IS NOT NULL AND kind IN ('held', 'available', 'in_transit', 'owed') AND code = owner_type || ':' || owner_id || ':' || kind
          END),
        CONSTRAINT ledger_accounts_normal_side CHECK (normal_side = CASE WHEN kind IN ('owed', 'clearing') THEN 'debit' ELSE 'credit' END)
      )`);
    await db.query(`CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_type, owner_id) WHERE owner_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE ledger_balances (
        account_id uuid PRIMARY KEY REFERENCES ledger_accounts(id),
        kind text NOT NULL,
        balance bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_balances_sign CHECK (
          CASE WHEN kind IN ('held', 'available', 'in_transit') THEN balance <= 0
               WHEN kind = 'owed' THEN balance >= 0
               ELSE true END)
      )`);

    await db.query(`
      CREATE TABLE ledger_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
        description text NOT NULL CHECK (length(description) <= 500),
        reference_type text CHECK (reference_type ~ '^[a-z][a-z_]{0,39}$'),
        reference_id uuid,
        reverses_id uuid UNIQUE REFERENCES ledger_transactions(id),
        metadata jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((reference_type IS NULL) = (reference_id IS NULL))
      )`);
    await db.query(`CREATE INDEX ledger_transactions_reference ON ledger_transactions (reference_type, reference_id)`);

    // The identity gives entries of one account their commit order: postings lock the account rows first.
    await db.query(`
      CREATE TABLE ledger_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
        account_id uuid NOT NULL REFERENCES ledger_accounts(id),
        amount bigint NOT NULL CHECK (amount <> 0),
        type text NOT NULL CHECK (type ~ '^[a-z][a-z_]{0,39}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id)`);
    await db.query(`CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id)`);

    // Every account gets its balance row when it is created.
    await db.query(`
      CREATE FUNCTION ledger_account_balance_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ledger_balances (account_id, kind) VALUES (NEW.id, NEW.kind);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER ledger_accounts_balance_row AFTER INSERT ON ledger_accounts FOR EACH ROW EXECUTE FUNCTION ledger_account_balance_row()`);

    // Append-only: accounts, transactions and entries are never edited or deleted (corrections are reversing transactions).
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ledger_accounts, ledger_transactions, ledger_entries, ledger_balances FROM PUBLIC`);
    await db.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['ledger_accounts', 'ledger_transactions', 'ledger_entries']) {
      await db.query(`CREATE TRIGGER ${table}_no_edit BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    }
    // Balances move only through entries (the triggers below), never by a statement of their own.
    await db.query(`
      CREATE FUNCTION ledger_balances_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'ledger_balances change only through ledger entries: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.account_id <> OLD.account_id OR NEW.kind <> OLD.kind) THEN
          RAISE EXCEPTION 'ledger_balances: account and kind never change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'INSERT' AND NEW.balance <> 0 THEN
          RAISE EXCEPTION 'ledger_balances start at zero' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER ledger_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_balances FOR EACH ROW EXECUTE FUNCTION ledger_balances_guard()`);
    await db.query(`CREATE TRIGGER ledger_balances_no_truncate BEFORE TRUNCATE ON ledger_balances FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);

    // A transaction is dated by the database transaction that writes it, and only that one may add its entries.
    await db.query(`
      CREATE FUNCTION ledger_transaction_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.created_at := now();
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER ledger_transactions_stamp BEFORE INSERT ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION ledger_transaction_stamp()`);
    await db.query(`
      CREATE FUNCTION ledger_entry_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM ledger_transactions WHERE id = NEW.transaction_id AND created_at = now()) THEN
          RAISE EXCEPTION 'ledger entries are written with their transaction, in the same database transaction (transaction %)', NEW.transaction_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        NEW.created_at := now();
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER ledger_entries_stamp BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entry_stamp()`);

    // Balances: one UPDATE per account and statement, with the net of its new entries.
    await db.query(`
      CREATE FUNCTION ledger_apply_entries() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ledger_balances b SET balance = b.balance + d.delta, updated_at = now()
        FROM (SELECT account_id, sum(amount)::bigint AS delta FROM inserted GROUP BY account_id) d
        WHERE b.account_id = d.account_id;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_entries()`);

    // Balanced at commit: at least two entries, summing to zero (deferred, so a posting writes its lines in any order).
    await db.query(`
      CREATE FUNCTION ledger_check_balanced(tx_id uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        lines integer;
        total numeric;
      BEGIN
        SELECT count(*), coalesce(sum(amount), 0) INTO lines, total FROM ledger_entries WHERE transaction_id = tx_id;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'ledger transaction % is not balanced: % entries summing to %', tx_id, lines, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transaction_balanced';
        END IF;
      END $$`);
    await db.query(`
      CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_check_balanced(NEW.id);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_check_balanced(NEW.transaction_id);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced()`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced()`);

    // The fee schedule: the platform's commission ('*' = default, else a category slug) and each cooperative's share.
    await db.query(`
      CREATE TABLE ledger_commission_rates (
        category_slug text PRIMARY KEY CHECK (category_slug = '*' OR category_slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
        bps integer NOT NULL CHECK (bps BETWEEN 0 AND 10000),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO ledger_commission_rates (category_slug, bps) VALUES ('*', 500)`);
    await db.query(`
      CREATE TABLE ledger_cooperative_fees (
        cooperative_id uuid PRIMARY KEY,
        bps integer NOT NULL CHECK (bps BETWEEN 0 AND 3000),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_cooperative_fees, ledger_commission_rates, ledger_entries, ledger_transactions, ledger_balances, ledger_accounts`);
    await db.query(
      `DROP FUNCTION ledger_transaction_balanced(), ledger_entry_balanced(), ledger_check_balanced(uuid), ledger_apply_entries(), ledger_entry_stamp(), ledger_transaction_stamp(), ledger_balances_guard(), ledger_append_only(), ledger_account_balance_row()`,
    );
  }
}
