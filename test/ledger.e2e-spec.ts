import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { FeeSchedule, LedgerService, refundShares, SettlementKeys, SettlementPostings, splitPayment, type OwnerType } from '#libs/ledger';
import { createSeller } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/**
 * The ledger on real PostgreSQL: the database itself refuses unbalanced and edited transactions,
 * postings are idempotent even concurrently, and the settlement rules leave exact balances.
 */
describe('ledger: double entry and settlement postings', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let postings: SettlementPostings;
  let admin: { token: string; user: { id: string } };

  const tx = <T>(work: (manager: EntityManager) => Promise<T>) => t.db.transaction(work);
  const balances = async (type: Exclude<OwnerType, 'platform'>, id: string) => {
    const b = await ledger.balances(type, id);
    return { held: b.held.amount, available: b.available.amount, inTransit: b.inTransit.amount, paidOut: b.paidOut.amount, owed: b.owed.amount };
  };
  const rawBalance = async (code: string): Promise<number> => {
    const [row] = await t.db.query(`SELECT b.balance::text AS balance FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id WHERE a.code = $1`, [code]);
    return Number(row?.balance ?? 0);
  };
  const expectZeroTrialBalance = async () => {
    const trial = await ledger.trialBalance();
    expect(trial.total).toEqual({ amount: 0, currency: 'IDR' });
    expect(trial.accounts.reduce((sum, a) => sum + a.balance.amount, 0)).toBe(0);
    const [drift] = await t.db.query(
      `SELECT count(*)::int AS n FROM ledger_balances b
       WHERE b.balance <> (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e WHERE e.account_id = b.account_id)`,
    );
    expect(drift.n).toBe(0);
  };
  const pay = (orderId: string, sellerId: string, total: number, extra: Record<string, unknown> = {}) =>
    tx((m) => postings.paymentConfirmed(m, { orderId, sellerId, method: 'bank_transfer', total, ...extra }));

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    ledger = t.app.get(LedgerService);
    postings = t.app.get(SettlementPostings);
    admin = await createStaffUser(t, 'admin');
    await t.app.get(FeeSchedule).setCommission({ id: admin.user.id } as never, { defaultBps: 500, categoryBps: {} });
  });
  afterAll(() => t.close());

  describe('the database keeps the books', () => {
    it('refuses an unbalanced transaction at commit, and one with a single entry', async () => {
      await tx((m) =>
        ledger.post(m, {
          key: `seed:${randomUUID()}`,
          kind: 'adjustment',
          description: 'accounts exist',
          entries: [
            { account: 'platform:clearing:bank_transfer', amount: 100 },
            { account: 'platform:commission', amount: -100 },
          ],
        }),
      );
      const [clearing] = await t.db.query(`SELECT id FROM ledger_accounts WHERE code = 'platform:clearing:bank_transfer'`);
      const [commission] = await t.db.query(`SELECT id FROM ledger_accounts WHERE code = 'platform:commission'`);
      const key = `raw:${randomUUID()}`;
      let statementsDone = false;
      await expect(
        tx(async (m) => {
          const [row] = await m.query(`INSERT INTO ledger_transactions (idempotency_key, kind, description) VALUES ($1, 'adjustment', 'raw') RETURNING id`, [key]);
          await m.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, type) VALUES ($1, $2, 1000, 'adjustment'), ($1, $3, -999, 'adjustment')`, [
            row.id,
            clearing.id,
            commission.id,
          ]);
          statementsDone = true; // each statement was accepted: the check waits for the commit
        }),
      ).rejects.toThrow(/not balanced: 2 entries summing to 1/);
      expect(statementsDone).toBe(true);

      await expect(
        tx(async (m) => {
          const [row] = await m.query(`INSERT INTO ledger_transactions (idempotency_key, kind, description) VALUES ($1, 'adjustment', 'raw') RETURNING id`, [key]);
          await m.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, type) VALUES ($1, $2, 1000, 'adjustment')`, [row.id, clearing.id]);
        }),
      ).rejects.toThrow(/not balanced: 1 entries/);
      await expect(tx((m) => m.query(`INSERT INTO ledger_transactions (idempotency_key, kind, description) VALUES ($1, 'adjustment', 'raw')`, [key]))).rejects.toThrow(/not balanced: 0 entries/);
      expect(await t.db.query(`SELECT 1 FROM ledger_transactions WHERE idempotency_key = $1`, [key])).toEqual([]);

      // A balanced raw transaction commits, and the balances follow it (they are kept by the database).
      const before = await rawBalance('platform:commission');
      await tx(async (m) => {
        const [row] = await m.query(`INSERT INTO ledger_transactions (idempotency_key, kind, description) VALUES ($1, 'adjustment', 'raw') RETURNING id`, [key]);
        await m.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, type) VALUES ($1, $2, 700, 'adjustment'), ($1, $3, -700, 'adjustment')`, [row.id, clearing.id, commission.id]);
      });
      expect(await rawBalance('platform:commission')).toBe(before - 700);

      // Entries cannot be slipped into a transaction committed earlier, even balanced.
      const [old] = await t.db.query(`SELECT id FROM ledger_transactions WHERE idempotency_key = $1`, [key]);
      await expect(
        t.db.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, type) VALUES ($1, $2, 5, 'adjustment'), ($1, $3, -5, 'adjustment')`, [old.id, clearing.id, commission.id]),
      ).rejects.toThrow(/written with their transaction/);

      // The service refuses an unbalanced posting before writing (422 naming the field).
      await expect(
        tx((m) =>
          ledger.post(m, {
            key: `x:${randomUUID()}`,
            kind: 'adjustment',
            description: 'x',
            entries: [
              { account: 'platform:commission', amount: 5 },
              { account: 'platform:clearing:stripe', amount: -4 },
            ],
          }),
        ),
      ).rejects.toMatchObject({ status: 422 });
      await expectZeroTrialBalance();
    });

    it('refuses to edit or delete entries, transactions and balances', async () => {
      await expect(t.db.query(`UPDATE ledger_entries SET amount = amount * 2`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`TRUNCATE ledger_entries`)).rejects.toThrow(/append-only|cannot truncate/);
      await expect(t.db.query(`UPDATE ledger_transactions SET description = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM ledger_transactions`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`UPDATE ledger_accounts SET kind = 'owed'`)).rejects.toThrow(/append-only/);
      await expect(t.db.query(`UPDATE ledger_balances SET balance = 0`)).rejects.toThrow(/only through ledger entries/);
      await expect(t.db.query(`DELETE FROM ledger_balances`)).rejects.toThrow(/only through ledger entries/);
    });

    it('never lets a seller’s money go below zero, in the service (409) or the database', async () => {
      const sellerId = randomUUID();
      await expect(
        tx((m) =>
          ledger.post(m, {
            key: `x:${randomUUID()}`,
            kind: 'adjustment',
            description: 'x',
            entries: [
              { account: `seller:${sellerId}:available`, amount: 100 },
              { account: 'platform:commission', amount: -100 },
            ],
          }),
        ),
      ).rejects.toMatchObject({ status: 409 });
      const [available] = await tx(async (m) => {
        await ledger.post(m, {
          key: `x:${randomUUID()}`,
          kind: 'adjustment',
          description: 'open',
          entries: [
            { account: `seller:${sellerId}:available`, amount: -100 },
            { account: 'platform:commission', amount: 100 },
          ],
        });
        return m.query(`SELECT id FROM ledger_accounts WHERE code = $1`, [`seller:${sellerId}:available`]);
      });
      const [commission] = await t.db.query(`SELECT id FROM ledger_accounts WHERE code = 'platform:commission'`);
      await expect(
        tx(async (m) => {
          const [row] = await m.query(`INSERT INTO ledger_transactions (idempotency_key, kind, description) VALUES ($1, 'adjustment', 'raw') RETURNING id`, [`raw:${randomUUID()}`]);
          await m.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, type) VALUES ($1, $2, 101, 'adjustment'), ($1, $3, -101, 'adjustment')`, [
            row.id,
            available.id,
            commission.id,
          ]);
        }),
      ).rejects.toThrow(/ledger_balances_sign/);
      expect((await balances('seller', sellerId)).available).toBe(100);
    });
  });

  describe('idempotency', () => {
    it('posts a key once, sequentially and concurrently', async () => {
      const key = `test:${randomUUID()}`;
      const input = {
        key,
        kind: 'adjustment',
        description: 'twice',
        entries: [
          { account: 'platform:clearing:stripe', amount: 2500 },
          { account: 'platform:commission', amount: -2500 },
        ],
      };
      const first = await tx((m) => ledger.post(m, input));
      const second = await tx((m) => ledger.post(m, input));
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ id: first.id, created: false, entries: first.entries });

      const racing = `test:${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => tx((m) => ledger.post(m, { ...input, key: racing }))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      const [count] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_entries e JOIN ledger_transactions x ON x.id = e.transaction_id WHERE x.idempotency_key = $1`, [racing]);
      expect(count.n).toBe(2);

      // A retry racing the first payout of all the money gets the first one back, not "not enough money".
      const sellerId = randomUUID();
      await tx((m) =>
        ledger.post(m, {
          key: `x:${randomUUID()}`,
          kind: 'adjustment',
          description: 'open',
          entries: [
            { account: `seller:${sellerId}:available`, amount: -50_000 },
            { account: 'platform:commission', amount: 50_000 },
          ],
        }),
      );
      const payoutId = randomUUID();
      const payouts = await Promise.all(Array.from({ length: 6 }, () => tx((m) => postings.payoutCreated(m, { payoutId, sellerId, amount: 50_000 }))));
      expect(payouts.filter((p) => p.created)).toHaveLength(1);
      expect(await balances('seller', sellerId)).toMatchObject({ available: 0, inTransit: 50_000 });
    });

    it('confirms a payment once however many times its event arrives at once', async () => {
      const orderId = randomUUID();
      const sellerId = randomUUID();
      const results = await Promise.all(Array.from({ length: 6 }, () => pay(orderId, sellerId, 1_000_000)));
      expect(results.filter((r) => r!.created)).toHaveLength(1);
      expect(await balances('seller', sellerId)).toMatchObject({ held: 950_000 });
      await expectZeroTrialBalance();
    });
  });

  describe('settlement', () => {
    it('payment → completion → payout → paid leaves exactly the expected balances', async () => {
      const { sellerId } = await createSeller(t, 'Tenun Saldo');
      const cooperativeId = randomUUID();
      await t.db.query(`INSERT INTO ledger_cooperative_fees (cooperative_id, bps) VALUES ($1, 200)`, [cooperativeId]);
      const orderId = randomUUID();
      const commissionBefore = await rawBalance('platform:commission');
      const clearingBefore = await rawBalance('platform:clearing:bank_transfer');

      // Rp 250.000 goods at 5 % and 2 %, Rp 20.000 shipping (no fee on shipping).
      const paid = await pay(orderId, sellerId, 27_000_000, { cooperativeId, lines: [{ categorySlug: 'anyaman-bambu', amount: 25_000_000 }] });
      expect(paid!.metadata).toMatchObject({ total: 27_000_000, goods: 25_000_000, commission: 1_250_000, cooperativeFee: 500_000, seller: 25_250_000 });
      expect(await balances('seller', sellerId)).toEqual({ held: 25_250_000, available: 0, inTransit: 0, paidOut: 0, owed: 0 });
      expect(await balances('cooperative', cooperativeId)).toEqual({ held: 500_000, available: 0, inTransit: 0, paidOut: 0, owed: 0 });
      expect(await rawBalance('platform:commission')).toBe(commissionBefore - 1_250_000);
      expect(await rawBalance('platform:clearing:bank_transfer')).toBe(clearingBefore + 27_000_000);
      await expectZeroTrialBalance();

      // Completion before payment is refused (retry later), after it the money is available.
      await expect(tx((m) => postings.orderCompleted(m, { orderId: randomUUID() }))).rejects.toMatchObject({ status: 409 });
      const released = await tx((m) => postings.orderCompleted(m, { orderId, sellerId }));
      expect(released!.key).toBe(SettlementKeys.completion(orderId));
      expect((await tx((m) => postings.orderCompleted(m, { orderId })))!.created).toBe(false);
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 25_250_000, inTransit: 0, paidOut: 0, owed: 0 });
      expect(await balances('cooperative', cooperativeId)).toEqual({ held: 0, available: 500_000, inTransit: 0, paidOut: 0, owed: 0 });
      await expectZeroTrialBalance();

      const payoutId = randomUUID();
      await expect(tx((m) => postings.payoutCreated(m, { payoutId: randomUUID(), sellerId, amount: 25_250_001 }))).rejects.toMatchObject({ status: 409 });
      await tx((m) => postings.payoutCreated(m, { payoutId, sellerId, amount: 25_000_000 }));
      await tx((m) => postings.payoutSent(m, { payoutId, sellerId, amount: 25_000_000 }));
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 250_000, inTransit: 25_000_000, paidOut: 0, owed: 0 });
      const payoutsBefore = await rawBalance('platform:payouts_clearing');
      await tx((m) => postings.payoutPaid(m, { payoutId }));
      await tx((m) => postings.payoutPaid(m, { payoutId, sellerId, amount: 25_000_000 }));
      await expect(tx((m) => postings.payoutFailed(m, { payoutId }))).rejects.toMatchObject({ status: 409 });
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 250_000, inTransit: 0, paidOut: 25_000_000, owed: 0 });
      expect(await rawBalance('platform:payouts_clearing')).toBe(payoutsBefore - 25_000_000);
      await expectZeroTrialBalance();

      const statement = await ledger.statement('seller', sellerId, { page: 1, perPage: 20 });
      expect(statement.total).toBe(8);
      expect(statement.items.map((i) => [i.type, i.account, i.amount.amount, i.balanceAfter.amount]).reverse()).toEqual([
        ['sale', 'held', 27_000_000, 27_000_000],
        ['commission', 'held', -1_250_000, 25_750_000],
        ['cooperative_fee', 'held', -500_000, 25_250_000],
        ['release', 'held', -25_250_000, 0],
        ['release', 'available', 25_250_000, 25_250_000],
        ['payout', 'available', -25_000_000, 250_000],
        ['payout', 'in_transit', 25_000_000, 25_000_000],
        ['payout', 'in_transit', -25_000_000, 0],
      ]);
      expect(statement.items.at(-1)).toMatchObject({ orderId });
      expect(statement.items[0]).toMatchObject({ payoutId });
    });

    it('a refund after release makes `owed`, and the next sale pays it off', async () => {
      const sellerId = randomUUID();
      const first = randomUUID();
      await pay(first, sellerId, 100_000); // commission 5 000, seller 95 000
      await tx((m) => postings.orderCompleted(m, { orderId: first }));
      const payoutId = randomUUID();
      await tx((m) => postings.payoutCreated(m, { payoutId, sellerId, amount: 95_000 }));
      const commissionBefore = await rawBalance('platform:commission');
      const payableBefore = await rawBalance('platform:refunds_payable');

      const refund = await tx((m) => postings.orderRefunded(m, { orderId: first, amount: 100_000, reason: 'barang rusak', key: 'dispute-1' }));
      expect(refund!.entries).toEqual(
        expect.arrayContaining([
          { account: `seller:${sellerId}:owed`, amount: 95_000, type: 'refund' },
          { account: 'platform:commission', amount: 5_000, type: 'refund' },
          { account: 'platform:refunds_payable', amount: -100_000, type: 'refund' },
        ]),
      );
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 0, inTransit: 95_000, paidOut: 0, owed: 95_000 });
      expect(await rawBalance('platform:commission')).toBe(commissionBefore + 5_000);
      expect(await rawBalance('platform:refunds_payable')).toBe(payableBefore - 100_000);
      // Nothing left to refund on that order; the same refund again changes nothing.
      await expect(tx((m) => postings.orderRefunded(m, { orderId: first, amount: 1, reason: 'lagi', key: 'again' }))).rejects.toMatchObject({ status: 409 });
      expect((await tx((m) => postings.orderRefunded(m, { orderId: first, amount: 100_000, reason: 'barang rusak', key: 'dispute-1' })))!.created).toBe(false);
      await expectZeroTrialBalance();

      const second = randomUUID();
      await pay(second, sellerId, 200_000); // seller 190 000 held
      expect(await balances('seller', sellerId)).toMatchObject({ held: 190_000, available: 0, owed: 95_000 });
      await tx((m) => postings.orderCompleted(m, { orderId: second }));
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 95_000, inTransit: 95_000, paidOut: 0, owed: 0 });
      await expectZeroTrialBalance();
    });

    it('a refund before release comes out of the order’s held money, partly or fully', async () => {
      const sellerId = randomUUID();
      const cooperativeId = randomUUID();
      await t.db.query(`INSERT INTO ledger_cooperative_fees (cooperative_id, bps) VALUES ($1, 300)`, [cooperativeId]);
      const other = randomUUID();
      await pay(other, sellerId, 500_000);
      await tx((m) => postings.orderCompleted(m, { orderId: other }));
      const orderId = randomUUID();
      await pay(orderId, sellerId, 1_000_000, { cooperativeId }); // commission 50 000, fee 30 000, seller 920 000
      await tx((m) => postings.orderRefunded(m, { orderId, amount: 250_000, reason: 'sebagian', key: 'partial', via: 'gateway' }));
      // 5 % and 3 % of the refund back from the platform and the cooperative, the seller the rest.
      expect(await balances('seller', sellerId)).toMatchObject({ held: 920_000 - 230_000, available: 475_000, owed: 0 });
      expect(await balances('cooperative', cooperativeId)).toMatchObject({ held: 30_000 - 7_500 });
      await tx((m) => postings.orderRefunded(m, { orderId, amount: 750_000, reason: 'sisanya', key: 'rest' }));
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 475_000, inTransit: 0, paidOut: 0, owed: 0 });
      expect(await balances('cooperative', cooperativeId)).toEqual({ held: 0, available: 0, inTransit: 0, paidOut: 0, owed: 0 });
      // Fully refunded before release: completion has nothing to move.
      expect(await tx((m) => postings.orderCompleted(m, { orderId }))).toBeNull();
      await expectZeroTrialBalance();
    });

    it('a failed payout returns its money to available, paying off what is owed first', async () => {
      const sellerId = randomUUID();
      const orderId = randomUUID();
      await pay(orderId, sellerId, 400_000); // seller 380 000
      await tx((m) => postings.orderCompleted(m, { orderId }));
      const payoutId = randomUUID();
      await tx((m) => postings.payoutCreated(m, { payoutId, sellerId, amount: 380_000 }));
      await tx((m) => postings.orderRefunded(m, { orderId, amount: 100_000, reason: 'retur', key: 'r1' })); // seller part 95 000 → owed
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 0, inTransit: 380_000, paidOut: 0, owed: 95_000 });
      await tx((m) => postings.payoutFailed(m, { payoutId, reason: 'rekening ditutup' }));
      await tx((m) => postings.payoutFailed(m, { payoutId }));
      await expect(tx((m) => postings.payoutPaid(m, { payoutId }))).rejects.toMatchObject({ status: 409 });
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 285_000, inTransit: 0, paidOut: 0, owed: 0 });

      const simple = randomUUID();
      await tx((m) => postings.payoutCreated(m, { payoutId: simple, sellerId, amount: 85_000 }));
      await tx((m) => postings.payoutFailed(m, { payoutId: simple, sellerId, amount: 85_000 }));
      expect(await balances('seller', sellerId)).toEqual({ held: 0, available: 285_000, inTransit: 0, paidOut: 0, owed: 0 });
      await expectZeroTrialBalance();
    });

    it('reverses a transaction once, never edits it', async () => {
      const sellerId = randomUUID();
      const orderId = randomUUID();
      await pay(orderId, sellerId, 300_000);
      const reversal = await tx((m) => ledger.reverse(m, SettlementKeys.payment(orderId), `reversal:${orderId}`, 'wrong order confirmed'));
      expect(reversal.entries.map((e) => e.amount).sort()).toEqual((await tx((m) => ledger.find(m, SettlementKeys.payment(orderId))))!.entries.map((e) => -e.amount).sort());
      expect(await balances('seller', sellerId)).toMatchObject({ held: 0 });
      await expect(tx((m) => ledger.reverse(m, SettlementKeys.payment(orderId), `reversal-2:${orderId}`, 'again'))).rejects.toMatchObject({ status: 409 });
      expect((await tx((m) => ledger.reverse(m, SettlementKeys.payment(orderId), `reversal:${orderId}`, 'retry'))).created).toBe(false);
      await expectZeroTrialBalance();
    });
  });

  describe('fees and rounding', () => {
    it('splits commission by category and the cooperative fee so the parts sum exactly to the total', async () => {
      const fees = t.app.get(FeeSchedule);
      await fees.setCommission({ id: admin.user.id } as never, { defaultBps: 500, categoryBps: { tekstil: 700, kopi: 250 } });
      const cooperativeId = randomUUID();
      await t.db.query(`INSERT INTO ledger_cooperative_fees (cooperative_id, bps) VALUES ($1, 175)`, [cooperativeId]);
      const sellerId = randomUUID();
      const orderId = randomUUID();
      // endek takes its parent tekstil's 7 %, kopi 2.5 %; Rp 1.500 of shipping is not charged.
      const paid = await pay(orderId, sellerId, 1_717_900, {
        cooperativeId,
        lines: [
          { categorySlug: 'endek', amount: 1_234_567 },
          { categorySlug: 'kopi', amount: 333_333 },
        ],
      });
      // commission ⌊(1 234 567 × 700 + 333 333 × 250) / 10 000⌋ = 94 753 → whole rupiah 94 700; fee ⌊1 567 900 × 175 / 10 000⌋ = 27 438 → 27 400.
      expect(paid!.metadata).toMatchObject({ commission: 94_700, cooperativeFee: 27_400, seller: 1_595_800, commissionBps: [700, 250], cooperativeFeeBps: 175 });
      expect(await balances('seller', sellerId)).toMatchObject({ held: 1_595_800 });
      expect(await balances('cooperative', cooperativeId)).toMatchObject({ held: 27_400 });

      // Three partial refunds adding up to the total give back exactly each party's part.
      for (const [key, amount] of [
        ['a', 100_000],
        ['b', 517_900],
        ['c', 1_100_000],
      ] as const) {
        await tx((m) => postings.orderRefunded(m, { orderId, amount, reason: 'sebagian', key }));
      }
      expect(await balances('seller', sellerId)).toMatchObject({ held: 0, available: 0, owed: 0 });
      expect(await balances('cooperative', cooperativeId)).toMatchObject({ held: 0, available: 0, owed: 0 });
      const [commission] = await t.db.query(
        `SELECT coalesce(sum(e.amount), 0)::int AS net FROM ledger_entries e JOIN ledger_transactions x ON x.id = e.transaction_id JOIN ledger_accounts a ON a.id = e.account_id
         WHERE x.reference_id = $1 AND a.code = 'platform:commission'`,
        [orderId],
      );
      expect(commission.net).toBe(0);
      await fees.setCommission({ id: admin.user.id } as never, { defaultBps: 500, categoryBps: {} });
      await expectZeroTrialBalance();
    });

    it('rounds every split exactly (pure rules, many random cases)', () => {
      let seed = 20260517;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 2000; i++) {
        const lines = Array.from({ length: 1 + random(4) }, () => ({ amount: random(50_000_000), bps: random(10_001) }));
        const goods = lines.reduce((s, l) => s + l.amount, 0);
        const total = goods + random(5_000_000) + 1;
        const split = splitPayment({ total, lines, cooperativeFeeBps: random(3_001) });
        expect(split.seller + split.commission + split.cooperativeFee).toBe(total);
        expect(split.seller).toBeGreaterThanOrEqual(0);
        expect(split.commission % 100).toBe(0);
        expect(split.cooperativeFee % 100).toBe(0);
        expect(split.commission).toBeLessThanOrEqual(lines.reduce((s, l) => s + (l.amount * l.bps) / 10_000, 0));

        let refunded = { seller: 0, commission: 0, cooperativeFee: 0 };
        let left = total;
        while (left > 0) {
          const amount = random(3) === 0 ? left : 1 + random(left);
          const part = refundShares(split, refunded, amount);
          expect(part.seller + part.commission + part.cooperativeFee).toBe(amount);
          expect(Math.min(part.seller, part.commission, part.cooperativeFee)).toBeGreaterThanOrEqual(0);
          refunded = { seller: refunded.seller + part.seller, commission: refunded.commission + part.commission, cooperativeFee: refunded.cooperativeFee + part.cooperativeFee };
          left -= amount;
        }
        expect(refunded).toEqual({ seller: split.seller, commission: split.commission, cooperativeFee: split.cooperativeFee });
      }
    });
  });

  describe('HTTP', () => {
    it('lets admins set the commission and cooperatives their member fee, within bounds', async () => {
      const artisan = await registerUser(t, 'artisan');
      expect((await t.http().get('/api/v1/admin/fees').set(bearer(admin.token))).body).toEqual({ defaultBps: 500, categoryBps: {} });
      const set = await t
        .http()
        .put('/api/v1/admin/fees')
        .set(bearer(admin.token))
        .send({ defaultBps: 450, categoryBps: { endek: 600 } });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ defaultBps: 450, categoryBps: { endek: 600 } });
      expect((await t.http().put('/api/v1/admin/fees').set(bearer(admin.token)).send({ defaultBps: 10_001 })).body.errors[0].field).toBe('defaultBps');
      const unknown = await t
        .http()
        .put('/api/v1/admin/fees')
        .set(bearer(admin.token))
        .send({ defaultBps: 500, categoryBps: { 'bukan-kategori': 100 } });
      expect([unknown.status, unknown.body.errors?.[0].field]).toEqual([422, 'categoryBps.bukan-kategori']);
      expect(
        (
          await t
            .http()
            .put('/api/v1/admin/fees')
            .set(bearer(admin.token))
            .send({ defaultBps: 500, categoryBps: { endek: -1 } })
        ).status,
      ).toBe(422);
      expect((await t.http().put('/api/v1/admin/fees').set(bearer(artisan.token)).send({ defaultBps: 0 })).status).toBe(403);
      expect((await t.http().put('/api/v1/admin/fees').set(bearer(admin.token)).send({ defaultBps: 500 })).body).toEqual({ defaultBps: 500, categoryBps: { endek: 600 } });
      expect((await t.http().put('/api/v1/admin/fees').set(bearer(admin.token)).send({ defaultBps: 500, categoryBps: {} })).body).toEqual({ defaultBps: 500, categoryBps: {} });

      const cooperative = await t
        .http()
        .post('/api/v1/cooperatives')
        .set(bearer(admin.token))
        .send({ name: 'Koperasi Fee', regency: 'badung', registrationNumber: `FEE/${randomUUID().slice(0, 8)}` });
      const coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: cooperative.body.id });
      const otherCoopAdmin = await createStaffUser(t, 'coop_admin');
      const path = `/api/v1/cooperatives/${cooperative.body.id}/fees`;
      expect((await t.http().put(path).set(bearer(coopAdmin.token)).send({ memberFeeBps: 250 })).body).toEqual({ cooperativeId: cooperative.body.id, memberFeeBps: 250 });
      expect((await t.http().get(path).set(bearer(coopAdmin.token))).body.memberFeeBps).toBe(250);
      expect((await t.http().put(path).set(bearer(coopAdmin.token)).send({ memberFeeBps: 3_001 })).status).toBe(422);
      expect((await t.http().put(path).set(bearer(otherCoopAdmin.token)).send({ memberFeeBps: 0 })).status).toBe(403);
      expect((await t.http().put(`/api/v1/cooperatives/${randomUUID()}/fees`).set(bearer(admin.token)).send({ memberFeeBps: 0 })).status).toBe(404);
      expect((await t.http().put(path).set(bearer(admin.token)).send({ memberFeeBps: 100 })).status).toBe(200);
      const [audit] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ledger.cooperative_fee' AND subject_id = $1`, [cooperative.body.id]);
      expect(audit.n).toBe(2);

      // The fee in force when an order is paid is the one its posting uses.
      const orderId = randomUUID();
      const paid = await pay(orderId, randomUUID(), 1_000_000, { cooperativeId: cooperative.body.id });
      expect(paid!.metadata).toMatchObject({ cooperativeFeeBps: 100, cooperativeFee: 10_000 });
      const balance = await t.http().get(`/api/v1/cooperatives/${cooperative.body.id}/balance`).set(bearer(coopAdmin.token));
      expect(balance.body.held).toEqual({ amount: 10_000, currency: 'IDR' });
      expect((await t.http().get(`/api/v1/cooperatives/${cooperative.body.id}/ledger`).set(bearer(otherCoopAdmin.token))).status).toBe(403);
    });

    it('shows a seller its balance and ledger, and only to those who manage it', async () => {
      const { owner, sellerId } = await createSeller(t, 'Perak Celuk');
      const stranger = await registerUser(t, 'artisan');
      const orderId = randomUUID();
      await pay(orderId, sellerId, 2_000_000);
      await tx((m) => postings.orderCompleted(m, { orderId }));

      const balance = await t.http().get(`/api/v1/sellers/${sellerId}/balance`).set(bearer(owner.token));
      expect(balance.status).toBe(200);
      expect(balance.body).toEqual({
        held: { amount: 0, currency: 'IDR' },
        available: { amount: 1_900_000, currency: 'IDR' },
        inTransit: { amount: 0, currency: 'IDR' },
        paidOut: { amount: 0, currency: 'IDR' },
        owed: { amount: 0, currency: 'IDR' },
      });
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/balance`).set(bearer(admin.token))).status).toBe(200);
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/balance`).set(bearer(stranger.token))).status).toBe(403);
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/balance`)).status).toBe(401);
      expect((await t.http().get(`/api/v1/sellers/${randomUUID()}/balance`).set(bearer(admin.token))).status).toBe(404);

      const ledgerPage = await t.http().get(`/api/v1/sellers/${sellerId}/ledger?perPage=2`).set(bearer(owner.token));
      expect(ledgerPage.status).toBe(200);
      expect(ledgerPage.body).toMatchObject({ total: 4, page: 1, perPage: 2 });
      expect(ledgerPage.body.items[0]).toMatchObject({
        type: 'release',
        account: 'available',
        amount: { amount: 1_900_000, currency: 'IDR' },
        balanceAfter: { amount: 1_900_000, currency: 'IDR' },
        orderId,
      });
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/ledger?from=${today}&to=${today}`).set(bearer(owner.token))).body.total).toBe(4);
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/ledger?from=2020-01-01&to=2020-01-31`).set(bearer(owner.token))).body.total).toBe(0);
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/ledger?from=2026-02-30`).set(bearer(owner.token))).status).toBe(422);
      expect((await t.http().get(`/api/v1/sellers/${sellerId}/ledger`).set(bearer(stranger.token))).status).toBe(403);
    });

    it('gives admins the trial balance, which sums to zero', async () => {
      const trial = await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(admin.token));
      expect(trial.status).toBe(200);
      expect(trial.body.total).toEqual({ amount: 0, currency: 'IDR' });
      expect(trial.body.accounts.length).toBeGreaterThan(5);
      expect(trial.body.accounts[0]).toEqual({ account: expect.any(String), normalSide: expect.stringMatching(/debit|credit/), balance: { amount: expect.any(Number), currency: 'IDR' } });
      const buyer = await registerUser(t, 'buyer');
      expect((await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(buyer.token))).status).toBe(403);
    });
  });
});
