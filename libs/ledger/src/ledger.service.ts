import { Injectable } from '@nestjs/common';
import { conflict, invalid, money, notFound, paged, type Money, type Paged } from '#libs/platform';
import type { EntityManager } from 'typeorm';
import { breaksSign, parseAccount, presented, type Account, type AccountKind, type NormalSide, type Owner } from './accounts.js';
import { LedgerRepository, type EntryRow, type StatementRow, type TransactionRow } from './ledger.repository.js';

/** How a line reads on a statement (API.md "Settlement": the seller's ledger `type`). */
export const ENTRY_TYPES = ['sale', 'commission', 'cooperative_fee', 'release', 'refund', 'payout', 'payout_reversal', 'adjustment', 'payment'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface PostingLine {
  /** An account code (`seller:<uuid>:held`, `platform:commission`, …); created on first use. */
  account: string;
  /** Signed minor units of IDR: debit positive, credit negative; never 0. */
  amount: number;
  /** How the line reads on a statement; default `adjustment`. */
  type?: EntryType;
}

/** What a computed posting sees once its accounts are locked. */
export interface PostingContext {
  manager: EntityManager;
  /** The stored balance (debit positive) of a locked account, before this posting. */
  raw(account: string): number;
  /** The same balance as its owner reads it (a seller's `available` positive). */
  balance(account: string): number;
}

interface PostingHeader {
  /** Unique per movement of money: a second post with this key posts nothing and returns the first. */
  key: string;
  kind: string;
  description: string;
  reference?: { type: string; id: string } | null;
  metadata?: Record<string, unknown> | null;
}

export interface PostingInput extends PostingHeader {
  entries: PostingLine[];
}

export interface ComputedPostingInput extends PostingHeader {
  /** Every account the lines may use: created and locked (in one fixed order) before `entries` runs. */
  accounts: string[];
  /** The lines, computed from balances and ledger reads made under those locks; null or [] posts nothing. Zero lines are dropped. */
  entries: (context: PostingContext) => Promise<PostingLine[] | null>;
  /** Internal: the transaction this one reverses. */
  reverses?: string;
}

export interface LedgerTransaction {
  id: string;
  key: string;
  kind: string;
  description: string;
  reference: { type: string; id: string } | null;
  reversesId: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  entries: Array<{ account: string; amount: number; type: string }>;
  /** false when the key had been posted before: nothing was written this time. */
  created: boolean;
}

export interface OwnerBalances {
  held: Money;
  available: Money;
  inTransit: Money;
  paidOut: Money;
  owed: Money;
}

export interface StatementLine {
  id: string;
  at: Date;
  type: string;
  account: AccountKind;
  /** Signed as the owner reads the account: + when its balance grows. */
  amount: Money;
  /** The account's balance after this line, as the owner reads it. */
  balanceAfter: Money;
  description: string;
  transactionKey: string;
  orderId?: string;
  payoutId?: string;
  disputeId?: string;
}

export interface TrialBalance {
  accounts: Array<{ account: string; normalSide: NormalSide; balance: Money }>;
  total: Money;
}

const KIND = /^[a-z][a-z_]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL errors the ledger turns into answers (the checks before writing should catch them first). */
function explain(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string };
  if (e?.code === '23514' && e.constraint === 'ledger_balances_sign') return conflict('Not enough money in the account for this posting');
  if (e?.code === '23505' && e.constraint === 'ledger_transactions_reverses_id_key') return conflict('This ledger transaction has already been reversed');
  return error;
}

/**
 * The double-entry ledger. Every posting is one balanced transaction in the caller's database
 * transaction, with an idempotency key: posting a key again (a retried job, a duplicate webhook,
 * a double click, even concurrently) returns the first transaction and writes nothing. The
 * accounts a posting touches are locked in one fixed order before anything is decided, so
 * concurrent postings serialise per account and never deadlock on each other.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly repo: LedgerRepository) {}

  /** Posts these lines (422 when they do not balance, 409 when an owner's money would go below zero). */
  async post(manager: EntityManager, input: PostingInput): Promise<LedgerTransaction> {
    if (!Array.isArray(input.entries)) throw invalid('entries', 'must be a list');
    input.entries.forEach((line, i) => {
      parseAccount(line.account, `entries[${i}].account`);
      if (!Number.isSafeInteger(line.amount) || line.amount === 0) throw invalid(`entries[${i}].amount`, 'must be a non-zero integer of minor units');
    });
    this.checkBalanced(input.entries);
    const lines = input.entries;
    const posted = await this.postWith(manager, { ...input, accounts: lines.map((l) => l.account), entries: async () => lines });
    return posted!;
  }

  /**
   * Posts lines computed under the accounts' locks (the settlement rules read balances and the
   * ledger there). Returns null when the computation finds nothing to move.
   */
  async postWith(manager: EntityManager, input: ComputedPostingInput): Promise<LedgerTransaction | null> {
    this.checkHeader(input);
    const existing = await this.repo.transactionByKey(manager, input.key);
    if (existing) return this.load(manager, existing, false);

    const accounts = new Map<string, Account>();
    input.accounts.forEach((code, i) => accounts.set(code, parseAccount(code, `accounts[${i}]`)));
    const ids = await this.repo.ensureAccounts(manager, [...accounts.values()]);
    const balances = await this.repo.lockBalances(manager, [...ids.values()]);
    const rawOf = (code: string) => {
      const id = ids.get(code);
      if (!id) throw new Error(`ledger: account ${code} was not locked for posting ${input.key}`);
      return balances.get(id) ?? 0;
    };
    // A posting with this key may have committed while this one waited for the locks (a concurrent
    // retry): it stands, and this one must not be judged on the balances that posting left.
    const committed = await this.repo.transactionByKey(manager, input.key);
    if (committed) return this.load(manager, committed, false);
    const context: PostingContext = { manager, raw: rawOf, balance: (code) => presented(accounts.get(code)!.normalSide, rawOf(code)) };

    const computed = await input.entries(context);
    const lines = (computed ?? []).filter((line) => line.amount !== 0);
    if (lines.length === 0) return null;
    for (const line of lines) {
      rawOf(line.account);
      if (!Number.isSafeInteger(line.amount)) throw new RangeError(`ledger: posting ${input.key} has a line of ${line.amount}`);
    }
    this.checkBalanced(lines);
    // The database refuses it too (ledger_balances_sign); saying which account is kinder.
    const projected = new Map<string, number>();
    for (const line of lines) projected.set(line.account, (projected.get(line.account) ?? rawOf(line.account)) + line.amount);
    for (const [code, raw] of projected) {
      if (breaksSign(accounts.get(code)!.kind, raw))
        throw conflict(`Not enough money in ${code} for this posting`, { errors: [{ field: 'amount', message: `would leave ${code} at ${presented(accounts.get(code)!.normalSide, raw)}` }] });
    }

    try {
      const row = await this.repo.insertTransaction(manager, {
        key: input.key,
        kind: input.kind,
        description: input.description,
        referenceType: input.reference?.type ?? null,
        referenceId: input.reference?.id ?? null,
        reversesId: input.reverses ?? null,
        metadata: input.metadata ?? null,
      });
      if (!row) {
        // The same key committed while this one waited for the locks: that one stands.
        const winner = await this.repo.transactionByKey(manager, input.key);
        return this.load(manager, winner!, false);
      }
      await this.repo.insertEntries(
        manager,
        row.id,
        lines.map((line) => ({ accountId: ids.get(line.account)!, amount: line.amount, type: line.type ?? 'adjustment' })),
      );
      return { ...this.view(row), entries: lines.map((l) => ({ account: l.account, amount: l.amount, type: l.type ?? 'adjustment' })), created: true };
    } catch (error) {
      throw explain(error);
    }
  }

  /** A correction: a new transaction with every line of the original negated (409 if it was reversed already, or the money has moved on). */
  async reverse(manager: EntityManager, originalKey: string, newKey: string, description: string): Promise<LedgerTransaction> {
    const original = await this.repo.transactionByKey(manager, originalKey);
    if (!original) throw notFound('Ledger transaction');
    const lines = await this.repo.entriesOf(manager, [original.id]);
    const posted = await this.postWith(manager, {
      key: newKey,
      kind: 'reversal',
      description,
      reference: original.referenceType && original.referenceId ? { type: original.referenceType, id: original.referenceId } : null,
      metadata: { reverses: original.key },
      reverses: original.id,
      accounts: lines.map((l) => l.account),
      entries: async () => lines.map((l) => ({ account: l.account, amount: -l.amount, type: 'adjustment' as const })),
    });
    return posted!;
  }

  /** The transaction posted under this key, if any (read in the caller's transaction). */
  async find(manager: EntityManager, key: string): Promise<LedgerTransaction | null> {
    const row = await this.repo.transactionByKey(manager, key);
    return row ? this.load(manager, row, false) : null;
  }

  /** A seller's or cooperative's money, as it reads it (all ≥ 0). */
  async balances(ownerType: Owner['type'], ownerId: string): Promise<OwnerBalances> {
    if (!UUID.test(ownerId)) throw notFound('Owner');
    const raw = await this.repo.ownerBalances(ownerType, ownerId.toLowerCase());
    const of = (kind: AccountKind, side: NormalSide) => money(presented(side, raw.get(kind) ?? 0));
    return {
      held: of('held', 'credit'),
      available: of('available', 'credit'),
      inTransit: of('in_transit', 'credit'),
      paidOut: money(await this.repo.paidOut(ownerType, ownerId.toLowerCase())),
      owed: of('owed', 'debit'),
    };
  }

  /** An owner's ledger lines across its accounts, newest first (`to` exclusive). */
  async statement(ownerType: Owner['type'], ownerId: string, query: { from?: Date | null; to?: Date | null; page: number; perPage: number }): Promise<Paged<StatementLine>> {
    const { rows, total } = await this.repo.ownerStatement(ownerType, ownerId.toLowerCase(), { from: query.from ?? null, to: query.to ?? null, page: query.page, perPage: query.perPage });
    return paged(
      rows.map((row) => this.line(row)),
      total,
      query,
    );
  }

  /** One account's lines, newest first, with the balance after each (the running context of a statement). */
  async entries(account: string, page: { page: number; perPage: number }): Promise<Paged<StatementLine>> {
    parseAccount(account);
    const { rows, total } = await this.repo.accountStatement(account, page);
    return paged(
      rows.map((row) => this.line(row)),
      total,
      page,
    );
  }

  /** Every account with a balance (debit positive, credit negative) and their sum, which is always zero. */
  async trialBalance(): Promise<TrialBalance> {
    const { accounts, total } = await this.repo.trialBalance();
    return { accounts: accounts.map((a) => ({ account: a.code, normalSide: a.normalSide, balance: money(a.balance) })), total: money(total) };
  }

  private line(row: StatementRow): StatementLine {
    const reference = row.referenceType && row.referenceId ? { [`${row.referenceType}Id`]: row.referenceId } : {};
    return {
      id: row.id,
      at: row.at,
      type: row.type,
      account: row.kind,
      amount: money(presented(row.normalSide, row.amount)),
      balanceAfter: money(presented(row.normalSide, row.balanceAfter)),
      description: row.description,
      transactionKey: row.transactionKey,
      ...reference,
    };
  }

  private checkHeader(input: PostingHeader): void {
    if (typeof input.key !== 'string' || input.key.length < 1 || input.key.length > 200) throw invalid('key', 'must be 1 to 200 characters');
    if (!KIND.test(input.kind ?? '')) throw invalid('kind', 'must be a lower-case word');
    if (typeof input.description !== 'string' || input.description.length > 500) throw invalid('description', 'must be at most 500 characters');
    if (input.reference && (!KIND.test(input.reference.type) || !UUID.test(input.reference.id))) throw invalid('reference', 'must be { type: word, id: uuid }');
  }

  private checkBalanced(lines: readonly PostingLine[]): void {
    if (lines.length < 2) throw invalid('entries', 'a transaction needs at least two entries');
    const sum = lines.reduce((total, line) => total + BigInt(line.amount), 0n);
    if (sum !== 0n) throw invalid('entries', `must sum to zero (debits positive, credits negative), not ${sum}`);
  }

  private view(row: TransactionRow): Omit<LedgerTransaction, 'entries' | 'created'> {
    return {
      id: row.id,
      key: row.key,
      kind: row.kind,
      description: row.description,
      reference: row.referenceType && row.referenceId ? { type: row.referenceType, id: row.referenceId } : null,
      reversesId: row.reversesId,
      metadata: row.metadata,
      createdAt: row.createdAt,
    };
  }

  private async load(manager: EntityManager, row: TransactionRow, created: boolean): Promise<LedgerTransaction> {
    const lines: EntryRow[] = await this.repo.entriesOf(manager, [row.id]);
    return { ...this.view(row), entries: lines.map((l) => ({ account: l.account, amount: l.amount, type: l.type })), created };
  }
}
