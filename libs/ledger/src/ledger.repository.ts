import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Account, AccountKind, NormalSide, OwnerType } from './accounts.js';

/** A bigint column (pg returns text) as a number; the ledger refuses amounts it could not add exactly. */
export function amountOf(value: string | number | null | undefined): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`ledger amount ${value} is beyond 2^53`);
  return n;
}

export interface TransactionRow {
  id: string;
  key: string;
  kind: string;
  description: string;
  referenceType: string | null;
  referenceId: string | null;
  reversesId: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
}

export interface EntryRow {
  id: string;
  transactionId: string;
  account: string;
  ownerType: OwnerType;
  ownerId: string | null;
  kind: AccountKind;
  normalSide: NormalSide;
  amount: number;
  type: string;
  createdAt: Date;
}

/** An entry with its transaction's key and kind (the ledger read by reference). */
export interface ReferencedEntry extends EntryRow {
  transactionKey: string;
  transactionKind: string;
}

export interface NewTransaction {
  key: string;
  kind: string;
  description: string;
  referenceType: string | null;
  referenceId: string | null;
  reversesId: string | null;
  metadata: Record<string, unknown> | null;
}

export interface StatementRow {
  id: string;
  at: Date;
  type: string;
  kind: AccountKind;
  normalSide: NormalSide;
  amount: number;
  balanceAfter: number;
  transactionKey: string;
  transactionKind: string;
  description: string;
  referenceType: string | null;
  referenceId: string | null;
}

const TRANSACTION_COLUMNS = `id, idempotency_key AS key, kind, description, reference_type AS "referenceType", reference_id AS "referenceId",
  reverses_id AS "reversesId", metadata, created_at AS "createdAt"`;

const ENTRY_COLUMNS = `e.id::text AS id, e.transaction_id AS "transactionId", a.code AS account, a.owner_type AS "ownerType", a.owner_id AS "ownerId",
  a.kind, a.normal_side AS "normalSide", e.amount::text AS amount, e.type, e.created_at AS "createdAt"`;

type Raw<T> = Omit<T, 'amount' | 'balanceAfter'> & { amount: string; balanceAfter?: string };
const withAmount = <T extends { amount: number }>(row: Raw<T>): T => ({ ...row, amount: amountOf(row.amount) }) as unknown as T;

/** The ledger's SQL: accounts, locks, transactions, entries and the reads behind balances and statements. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async transactionByKey(manager: EntityManager, key: string): Promise<TransactionRow | null> {
    const rows: TransactionRow[] = await manager.query(`SELECT ${TRANSACTION_COLUMNS} FROM ledger_transactions WHERE idempotency_key = $1`, [key]);
    return rows[0] ?? null;
  }

  async transactionsByKeys(manager: EntityManager, keys: readonly string[]): Promise<Map<string, TransactionRow>> {
    if (keys.length === 0) return new Map();
    const rows: TransactionRow[] = await manager.query(`SELECT ${TRANSACTION_COLUMNS} FROM ledger_transactions WHERE idempotency_key = ANY($1::text[])`, [[...keys]]);
    return new Map(rows.map((row) => [row.key, row]));
  }

  async entriesOf(manager: EntityManager, transactionIds: readonly string[]): Promise<EntryRow[]> {
    if (transactionIds.length === 0) return [];
    const rows: Array<Raw<EntryRow>> = await manager.query(
      `SELECT ${ENTRY_COLUMNS} FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
       WHERE e.transaction_id = ANY($1::uuid[]) ORDER BY e.id`,
      [[...transactionIds]],
    );
    return rows.map((row) => withAmount<EntryRow>(row));
  }

  /** Every entry of the transactions about one subject (an order, a payout), oldest first. */
  async referencedEntries(manager: EntityManager, referenceType: string, referenceId: string): Promise<ReferencedEntry[]> {
    const rows: Array<Raw<ReferencedEntry>> = await manager.query(
      `SELECT ${ENTRY_COLUMNS}, t.idempotency_key AS "transactionKey", t.kind AS "transactionKind"
       FROM ledger_transactions t
       JOIN ledger_entries e ON e.transaction_id = t.id
       JOIN ledger_accounts a ON a.id = e.account_id
       WHERE t.reference_type = $1 AND t.reference_id = $2
       ORDER BY e.id`,
      [referenceType, referenceId],
    );
    return rows.map((row) => withAmount<ReferencedEntry>(row));
  }

  /**
   * code → id of each account, creating the missing ones (with their balance rows). New accounts are
   * inserted in code order, so two postings creating the same accounts wait on each other in one order.
   */
  async ensureAccounts(manager: EntityManager, accounts: readonly Account[]): Promise<Map<string, string>> {
    const codes = [...new Set(accounts.map((a) => a.code))].sort();
    const found = async () => {
      const rows: Array<{ id: string; code: string }> = await manager.query(`SELECT id, code FROM ledger_accounts WHERE code = ANY($1::text[])`, [codes]);
      return new Map(rows.map((row) => [row.code, row.id]));
    };
    const ids = await found();
    const missing = accounts.filter((a, i) => !ids.has(a.code) && accounts.findIndex((b) => b.code === a.code) === i).sort((a, b) => (a.code < b.code ? -1 : 1));
    if (missing.length === 0) return ids;
    await manager.query(
      `INSERT INTO ledger_accounts (code, owner_type, owner_id, kind, normal_side)
       SELECT n.code, n.owner_type, n.owner_id, n.kind, n.normal_side
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS n(code, owner_type, owner_id, kind, normal_side, position)
       ORDER BY n.position
       ON CONFLICT (code) DO NOTHING`,
      [missing.map((a) => a.code), missing.map((a) => a.ownerType), missing.map((a) => a.ownerId), missing.map((a) => a.kind), missing.map((a) => a.normalSide)],
    );
    return found();
  }

  /**
   * Locks the balance rows of these accounts, in account-id order (every posting locks in the same
   * order, so concurrent postings wait instead of deadlocking), and returns id → raw balance.
   */
  async lockBalances(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ accountId: string; balance: string }> = await manager.query(
      `SELECT account_id AS "accountId", balance::text AS balance FROM ledger_balances WHERE account_id = ANY($1::uuid[]) ORDER BY account_id FOR UPDATE`,
      [[...accountIds]],
    );
    return new Map(rows.map((row) => [row.accountId, amountOf(row.balance)]));
  }

  /** Claims the idempotency key: the new row, or null when a transaction with this key exists (after waiting for a concurrent one to commit). */
  async insertTransaction(manager: EntityManager, tx: NewTransaction): Promise<TransactionRow | null> {
    const rows: TransactionRow[] = await manager.query(
      `INSERT INTO ledger_transactions (idempotency_key, kind, description, reference_type, reference_id, reverses_id, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING ${TRANSACTION_COLUMNS}`,
      [tx.key, tx.kind, tx.description, tx.referenceType, tx.referenceId, tx.reversesId, tx.metadata ? JSON.stringify(tx.metadata) : null],
    );
    return rows[0] ?? null;
  }

  /** One statement for all lines: the balance trigger then moves each account once, by its net. */
  async insertEntries(manager: EntityManager, transactionId: string, entries: ReadonlyArray<{ accountId: string; amount: number; type: string }>): Promise<void> {
    await manager.query(
      `INSERT INTO ledger_entries (transaction_id, account_id, amount, type)
       SELECT $1, n.account_id, n.amount, n.type FROM unnest($2::uuid[], $3::bigint[], $4::text[]) WITH ORDINALITY AS n(account_id, amount, type, position)
       ORDER BY n.position`,
      [transactionId, entries.map((e) => e.accountId), entries.map((e) => String(e.amount)), entries.map((e) => e.type)],
    );
  }

  /** kind → raw balance of an owner's accounts (missing accounts are absent). */
  async ownerBalances(ownerType: OwnerType, ownerId: string): Promise<Map<AccountKind, number>> {
    const rows: Array<{ kind: AccountKind; balance: string }> = await this.dataSource.query(
      `SELECT a.kind, b.balance::text AS balance FROM ledger_accounts a JOIN ledger_balances b ON b.account_id = a.id WHERE a.owner_type = $1 AND a.owner_id = $2`,
      [ownerType, ownerId],
    );
    return new Map(rows.map((row) => [row.kind, amountOf(row.balance)]));
  }

  /** What payouts marked paid took out of an owner's in-transit account, in all. */
  async paidOut(ownerType: OwnerType, ownerId: string): Promise<number> {
    const [row]: Array<{ paid: string }> = await this.dataSource.query(
      `SELECT coalesce(sum(e.amount), 0)::text AS paid
       FROM ledger_accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_transactions t ON t.id = e.transaction_id
       WHERE a.owner_type = $1 AND a.owner_id = $2 AND a.kind = 'in_transit' AND t.kind = 'payout_paid'`,
      [ownerType, ownerId],
    );
    return amountOf(row?.paid);
  }

  /**
   * An owner's ledger lines, newest first, each with its account's balance after it (a running sum
   * in entry order, which is commit order per account since postings lock the account).
   */
  async ownerStatement(ownerType: OwnerType, ownerId: string, filter: { from: Date | null; to: Date | null; page: number; perPage: number }): Promise<{ rows: StatementRow[]; total: number }> {
    const params = [ownerType, ownerId, filter.from, filter.to];
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
       WHERE a.owner_type = $1 AND a.owner_id = $2 AND ($3::timestamptz IS NULL OR e.created_at >= $3) AND ($4::timestamptz IS NULL OR e.created_at < $4)`,
      params,
    );
    const rows: Array<Raw<StatementRow>> = await this.dataSource.query(
      `WITH lines AS (
         SELECT e.id, e.created_at, e.type, e.amount, e.transaction_id, a.kind, a.normal_side,
                sum(e.amount) OVER (PARTITION BY e.account_id ORDER BY e.id) AS running
         FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
         WHERE a.owner_type = $1 AND a.owner_id = $2
       )
       SELECT l.id::text AS id, l.created_at AS at, l.type, l.kind, l.normal_side AS "normalSide", l.amount::text AS amount, l.running::text AS "balanceAfter",
              t.idempotency_key AS "transactionKey", t.kind AS "transactionKind", t.description, t.reference_type AS "referenceType", t.reference_id AS "referenceId"
       FROM lines l JOIN ledger_transactions t ON t.id = l.transaction_id
       WHERE ($3::timestamptz IS NULL OR l.created_at >= $3) AND ($4::timestamptz IS NULL OR l.created_at < $4)
       ORDER BY l.id DESC LIMIT $5 OFFSET $6`,
      [...params, filter.perPage, (filter.page - 1) * filter.perPage],
    );
    return { rows: rows.map((row) => ({ ...withAmount<StatementRow>(row), balanceAfter: amountOf(row.balanceAfter) })), total };
  }

  /** One account's lines, newest first, with the balance after each. */
  async accountStatement(code: string, page: { page: number; perPage: number }): Promise<{ rows: StatementRow[]; total: number }> {
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(`SELECT count(*)::int AS total FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id WHERE a.code = $1`, [
      code,
    ]);
    const rows: Array<Raw<StatementRow>> = await this.dataSource.query(
      `WITH lines AS (
         SELECT e.id, e.created_at, e.type, e.amount, e.transaction_id, a.kind, a.normal_side, sum(e.amount) OVER (ORDER BY e.id) AS running
         FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
         WHERE a.code = $1
       )
       SELECT l.id::text AS id, l.created_at AS at, l.type, l.kind, l.normal_side AS "normalSide", l.amount::text AS amount, l.running::text AS "balanceAfter",
              t.idempotency_key AS "transactionKey", t.kind AS "transactionKind", t.description, t.reference_type AS "referenceType", t.reference_id AS "referenceId"
       FROM lines l JOIN ledger_transactions t ON t.id = l.transaction_id
       ORDER BY l.id DESC LIMIT $2 OFFSET $3`,
      [code, page.perPage, (page.page - 1) * page.perPage],
    );
    return { rows: rows.map((row) => ({ ...withAmount<StatementRow>(row), balanceAfter: amountOf(row.balanceAfter) })), total };
  }

  /** Every account with a non-zero balance (raw, debit positive), and the sum of all balances. */
  async trialBalance(): Promise<{ accounts: Array<{ code: string; normalSide: NormalSide; balance: number }>; total: number }> {
    const accounts: Array<{ code: string; normalSide: NormalSide; balance: string }> = await this.dataSource.query(
      `SELECT a.code, a.normal_side AS "normalSide", b.balance::text AS balance
       FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id
       WHERE b.balance <> 0 ORDER BY a.code`,
    );
    const [{ total }]: Array<{ total: string }> = await this.dataSource.query(`SELECT coalesce(sum(balance), 0)::text AS total FROM ledger_balances`);
    return { accounts: accounts.map((a) => ({ ...a, balance: amountOf(a.balance) })), total: amountOf(total) };
  }
}
