import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '#libs/audit';
import type { SignedInUser } from '#libs/identity';
import { conflict, invalid, JobQueue, money, notFound, NotifyJob, paged, Scheduled, type Money, type Paged } from '#libs/platform';
import type { Owner } from './accounts.js';
import { LedgerService } from './ledger.service.js';
import { PayoutAccounts } from './payout-accounts.service.js';
import { PAYOUT_GATEWAY, SEND_PAYOUTS_JOB, type PayoutGateway, type SentBatch } from './payout-gateway.js';
import { last4, payableAmount, weeklyRunKey } from './payout-rules.js';
import { SettlementPostings } from './settlement-postings.service.js';

export const PAYOUT_STATUSES = ['pending', 'sent', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface PayoutView {
  id: string;
  batchId: string;
  ownerType: Owner['type'];
  sellerId?: string;
  cooperativeId?: string;
  amount: Money;
  status: PayoutStatus;
  bankCode: string;
  accountNumberLast4: string;
  accountHolderName: string;
  createdAt: string;
  sentAt?: string;
  paidAt?: string;
  failedAt?: string;
  bankReference?: string;
  failureReason?: string;
}

export interface BatchView {
  id: string;
  runKey: string | null;
  createdAt: string;
  sentAt?: string;
  open: boolean;
  count: number;
  total: Money;
  counts: Record<PayoutStatus, number>;
}

export interface RunResult {
  batchId: string;
  payouts: Array<{
    id: string;
    sellerId?: string;
    cooperativeId?: string;
    amount: Money;
    status: PayoutStatus;
  }>;
}

interface PayoutRow {
  id: string;
  batch_id: string;
  owner_type: Owner['type'];
  owner_id: string;
  amount: string;
  status: PayoutStatus;
  bank_code: string;
  account_number: string;
  account_holder_name: string;
  bank_reference: string | null;
  failure_reason: string | null;
  created_at: Date;
  sent_at: Date | null;
  paid_at: Date | null;
  failed_at: Date | null;
}

const RUN_LOCK = `hashtext('ledger.payout-run')`;
const REFERENCE = /^[\p{L}\p{N} ._:/#-]{1,100}$/u;

/**
 * Payouts to sellers' and cooperatives' bank accounts (DESIGN.md "Money flow": available →
 * in_transit → paid, failed: back): payout runs (weekly and on an admin's request), the
 * bulk-transfer file or the gateway, and the outcomes, each in one transaction with its ledger
 * posting. Where the money goes is PayoutAccounts'.
 */
@Injectable()
export class PayoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postings: SettlementPostings,
    private readonly ledger: LedgerService,
    private readonly accounts: PayoutAccounts,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    @Inject(PAYOUT_GATEWAY) private readonly gateway: PayoutGateway,
  ) {}

  /** PAYOUT_MINIMUM_IDR in minor units. */
  get minimum(): number {
    return this.accounts.minimum;
  }

  /** Whether payouts leave by the admin's bank bulk-transfer file (false: a gateway, Xendit, sends them itself). */
  get bankFile(): boolean {
    return this.gateway.kind === 'manual_csv';
  }

  // ---- payout runs -------------------------------------------------------------------------

  /**
   * Weekly payout run: a daily tick that runs once per ISO week (WITA) — `@Scheduled` has no
   * weekly period — keyed `weekly:<year>-W<week>`, so every process and every tick of the week
   * after the first finds the batch already there.
   */
  @Scheduled(24 * 60 * 60_000)
  async weekly(): Promise<void> {
    await this.run({ requestedBy: null, runKey: weeklyRunKey(new Date()) });
  }

  /**
   * One payout per seller and cooperative with no blocker, of its whole available balance (in
   * whole rupiah), each created with its `payoutCreated` posting (available → in_transit) in this
   * transaction. Runs take one transaction-scoped advisory lock, so two concurrent runs queue and
   * the second finds the money already in transit; `UNIQUE (batch_id, owner)` and the posting's
   * key hold even so. An owner whose money moved under the run (a refund) is skipped, not failed.
   */
  async run(options: { requestedBy: string | null; runKey?: string }): Promise<RunResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${RUN_LOCK})`);
      if (options.runKey) {
        const [existing] = await manager.query(`SELECT id FROM ledger_payout_batches WHERE run_key = $1`, [options.runKey]);
        if (existing) return { batchId: existing.id, payouts: [] };
      }
      const [batch] = await manager.query(`INSERT INTO ledger_payout_batches (run_key, requested_by) VALUES ($1, $2) RETURNING id`, [options.runKey ?? null, options.requestedBy]);
      // The blockers of payout-rules.ts, as one query: an account, not on hold, available ≥ the minimum (the verified email below).
      const due: Array<{
        owner_type: Owner['type'];
        owner_id: string;
        available: string;
        bank_code: string;
        account_number: string;
        account_holder_name: string;
      }> = await manager.query(
        `SELECT a.owner_type, a.owner_id, (-b.balance)::text AS available, p.bank_code, p.account_number, p.account_holder_name
         FROM ledger_accounts a
         JOIN ledger_balances b ON b.account_id = a.id
         JOIN ledger_payout_accounts p ON p.owner_type = a.owner_type AND p.owner_id = a.owner_id
         WHERE a.kind = 'available' AND a.owner_type IN ('seller', 'cooperative') AND -b.balance >= $1
           AND (p.payouts_held_until IS NULL OR p.payouts_held_until <= now())
         ORDER BY a.owner_type, a.owner_id`,
        [this.minimum],
      );
      const verified = await this.accounts.verifiedOwners(
        manager,
        due.map((d) => ({ type: d.owner_type, id: d.owner_id })),
      );
      const payouts: RunResult['payouts'] = [];
      for (const owner of due) {
        const amount = payableAmount(Number(owner.available));
        if (amount < this.minimum || !verified.has(owner.owner_id)) continue;
        await manager.query(`SAVEPOINT payout`);
        try {
          const [row] = await manager.query(
            `INSERT INTO ledger_payouts (batch_id, owner_type, owner_id, amount, bank_code, account_number, account_holder_name)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [batch.id, owner.owner_type, owner.owner_id, amount, owner.bank_code, owner.account_number, owner.account_holder_name],
          );
          await this.postings.payoutCreated(manager, {
            payoutId: row.id,
            [owner.owner_type === 'seller' ? 'sellerId' : 'cooperativeId']: owner.owner_id,
            amount,
          });
          await manager.query(`RELEASE SAVEPOINT payout`);
          payouts.push({
            id: row.id,
            [owner.owner_type === 'seller' ? 'sellerId' : 'cooperativeId']: owner.owner_id,
            amount: money(amount),
            status: 'pending',
          });
        } catch (error) {
          await manager.query(`ROLLBACK TO SAVEPOINT payout`);
          if ((error as { status?: number }).status !== 409 && (error as { getStatus?: () => number }).getStatus?.() !== 409) throw error;
        }
      }
      // A gateway that moves the money itself (Xendit) gets the batch once the run committed.
      if (this.gateway.kind !== 'manual_csv' && payouts.length) await this.jobs.enqueue(SEND_PAYOUTS_JOB, { batchId: batch.id }, { manager, dedupeKey: `${SEND_PAYOUTS_JOB.name}:${batch.id}` });
      return { batchId: batch.id, payouts };
    });
  }

  /**
   * Hands the batch's pending payouts to the gateway and marks them `sent` (the manual gateway: the
   * admin's download of the bulk-transfer file). Downloading again gives the file of every payout
   * of the batch still sent or pending, and changes nothing more.
   */
  async send(batchId: string): Promise<SentBatch> {
    const sent = await this.dataSource.transaction(async (manager) => {
      const [batch] = await manager.query(`SELECT id FROM ledger_payout_batches WHERE id = $1 FOR UPDATE`, [batchId]);
      if (!batch) throw notFound('Payout batch');
      const rows: PayoutRow[] = await manager.query(`SELECT * FROM ledger_payouts WHERE batch_id = $1 AND status IN ('pending', 'sent') ORDER BY created_at, id`, [batchId]);
      const sent = await this.gateway.send(
        batchId,
        rows.map((r) => ({
          id: r.id,
          bankCode: r.bank_code,
          accountNumber: r.account_number,
          accountHolderName: r.account_holder_name,
          amount: Number(r.amount),
        })),
      );
      await manager.query(`UPDATE ledger_payouts SET status = 'sent', sent_at = now() WHERE batch_id = $1 AND status = 'pending'`, [batchId]);
      await manager.query(`UPDATE ledger_payout_batches SET sent_at = coalesce(sent_at, now()) WHERE id = $1`, [batchId]);
      return sent;
    });
    // Refused outright by the gateway: failed at once, through the one failure path (money back, owner told).
    for (const refused of sent.failed ?? []) await this.markFailed(null, refused.id, refused.reason);
    return sent;
  }

  /** The bank paid it: in_transit → paid out. Paid already: unchanged. Failed: 409. `user` null: the gateway's callback. */
  async markPaid(user: SignedInUser | null, payoutId: string, bankReference: string): Promise<PayoutView> {
    const reference = typeof bankReference === 'string' ? bankReference.trim() : '';
    if (!REFERENCE.test(reference)) throw invalid('bankReference', 'must be 1 to 100 letters, digits, spaces or . _ : / # -');
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockPayout(manager, payoutId);
      if (row.status === 'paid') return payoutView(row);
      if (row.status === 'failed') throw conflict(`Payout ${payoutId} has failed; it cannot be marked paid`);
      await this.postings.payoutPaid(manager, { payoutId: row.id });
      const [[updated]]: [PayoutRow[], number] = await manager.query(
        // UPDATE … RETURNING: TypeORM gives [rows, count]
        `UPDATE ledger_payouts SET status = 'paid', paid_at = now(), sent_at = coalesce(sent_at, now()), bank_reference = $2, decided_by = $3 WHERE id = $1 RETURNING *`,
        [row.id, reference, user?.id ?? null],
      );
      await this.audit.record(manager, {
        actorId: user?.id ?? null,
        action: 'ledger.payout_paid',
        subjectType: 'payout',
        subjectId: row.id,
        regency: null,
        data: { bankReference: reference, amount: Number(row.amount) },
      });
      return payoutView(updated!);
    });
  }

  /** The bank refused it: the money returns to available (a reversing posting) and the owner is told. Failed already: unchanged. Paid: 409. `user` null: the gateway. */
  async markFailed(user: SignedInUser | null, payoutId: string, reason: string): Promise<PayoutView> {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (why.length < 3 || why.length > 300) throw invalid('reason', 'must be 3 to 300 characters');
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lockPayout(manager, payoutId);
      if (row.status === 'failed') return payoutView(row);
      if (row.status === 'paid') throw conflict(`Payout ${payoutId} was paid; it cannot fail`);
      await this.postings.payoutFailed(manager, {
        payoutId: row.id,
        reason: why,
      });
      const [[updated]]: [PayoutRow[], number] = await manager.query(
        // UPDATE … RETURNING: TypeORM gives [rows, count]
        `UPDATE ledger_payouts SET status = 'failed', failed_at = now(), failure_reason = $2, decided_by = $3 WHERE id = $1 RETURNING *`,
        [row.id, why, user?.id ?? null],
      );
      await this.audit.record(manager, {
        actorId: user?.id ?? null,
        action: 'ledger.payout_failed',
        subjectType: 'payout',
        subjectId: row.id,
        reason: why,
        regency: null,
        data: { amount: Number(row.amount) },
      });
      const owner: Owner = { type: row.owner_type, id: row.owner_id };
      for (const userId of await this.accounts.recipients(manager, owner, null)) {
        await this.jobs.enqueue(
          NotifyJob,
          {
            userId,
            kind: 'payout.failed',
            params: {
              payoutId: row.id,
              [owner.type === 'seller' ? 'sellerId' : 'cooperativeId']: owner.id,
              asSeller: owner.type === 'seller',
            },
          },
          { manager },
        );
      }
      return payoutView(updated!);
    });
  }

  // ---- reading -----------------------------------------------------------------------------

  async listForOwner(owner: Owner, query: { page: number; perPage: number }): Promise<Paged<PayoutView>> {
    const rows: Array<PayoutRow & { total: string }> = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::text AS total FROM ledger_payouts WHERE owner_type = $1 AND owner_id = $2 ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [owner.type, owner.id, query.perPage, (query.page - 1) * query.perPage],
    );
    return paged(rows.map(payoutView), Number(rows[0]?.total ?? (query.page > 1 ? await this.countForOwner(owner) : 0)), query);
  }

  async batches(query: { page: number; perPage: number }): Promise<Paged<BatchView>> {
    const rows: Array<{
      id: string;
      run_key: string | null;
      created_at: Date;
      sent_at: Date | null;
      counts: Record<string, number> | null;
      total_amount: string;
      n: number;
      total: string;
    }> = await this.dataSource.query(
      `SELECT b.id, b.run_key, b.created_at, b.sent_at, s.counts, coalesce(s.total_amount, 0)::text AS total_amount, coalesce(s.n, 0)::int AS n, count(*) OVER ()::text AS total
       FROM ledger_payout_batches b
       LEFT JOIN LATERAL (
         SELECT jsonb_object_agg(status, c) AS counts, sum(amount_sum) AS total_amount, sum(c) AS n
         FROM (SELECT status, count(*)::int AS c, sum(amount) AS amount_sum FROM ledger_payouts WHERE batch_id = b.id GROUP BY status) g
       ) s ON true
       ORDER BY b.created_at DESC, b.id LIMIT $1 OFFSET $2`,
      [query.perPage, (query.page - 1) * query.perPage],
    );
    const total = Number(rows[0]?.total ?? 0);
    return paged(
      rows.map((r) => {
        const counts = {
          pending: 0,
          sent: 0,
          paid: 0,
          failed: 0,
          ...(r.counts ?? {}),
        };
        return {
          id: r.id,
          runKey: r.run_key,
          createdAt: r.created_at.toISOString(),
          ...(r.sent_at ? { sentAt: r.sent_at.toISOString() } : {}),
          open: counts.pending + counts.sent > 0,
          count: r.n,
          total: money(Number(r.total_amount)),
          counts,
        };
      }),
      total,
      query,
    );
  }

  async batchPayouts(batchId: string): Promise<PayoutView[]> {
    const rows: PayoutRow[] = await this.dataSource.query(`SELECT * FROM ledger_payouts WHERE batch_id = $1 ORDER BY created_at, id`, [batchId]);
    return rows.map(payoutView);
  }

  async batchExists(batchId: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM ledger_payout_batches WHERE id = $1`, [batchId])).length > 0;
  }

  private async countForOwner(owner: Owner): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ledger_payouts WHERE owner_type = $1 AND owner_id = $2`, [owner.type, owner.id]);
    return row.n;
  }

  private async lockPayout(manager: EntityManager, payoutId: string): Promise<PayoutRow> {
    const [row]: PayoutRow[] = await manager.query(`SELECT * FROM ledger_payouts WHERE id = $1 FOR UPDATE`, [payoutId]);
    if (!row) throw notFound('Payout');
    return row;
  }
}

function payoutView(row: PayoutRow): PayoutView {
  const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
  const view: PayoutView = {
    id: row.id,
    batchId: row.batch_id,
    ownerType: row.owner_type,
    ...(row.owner_type === 'seller' ? { sellerId: row.owner_id } : { cooperativeId: row.owner_id }),
    amount: money(Number(row.amount)),
    status: row.status,
    bankCode: row.bank_code,
    accountNumberLast4: last4(row.account_number),
    accountHolderName: row.account_holder_name,
    createdAt: row.created_at.toISOString(),
  };
  for (const [key, value] of [
    ['sentAt', iso(row.sent_at)],
    ['paidAt', iso(row.paid_at)],
    ['failedAt', iso(row.failed_at)],
    ['bankReference', row.bank_reference],
    ['failureReason', row.failure_reason],
  ] as const) {
    if (value) (view as unknown as Record<string, string>)[key] = value;
  }
  return view;
}
