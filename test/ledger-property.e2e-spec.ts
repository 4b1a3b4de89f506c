import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CategoriesService } from '#libs/catalogue';
import { FeeSchedule, LedgerService, SettlementPostings, type LedgerTransaction, type SettlementMethod } from '#libs/ledger';
import { createStaffUser, createTestApp, type TestApp } from './support/test-app.js';

/**
 * A property test of the ledger: thousands of random settlement operations (payments,
 * completions, refunds before and after release, payouts created, paid and failed, and replays of
 * earlier operations with their own keys) run in concurrent batches on real PostgreSQL. After
 * every batch the books must hold: each transaction balanced, the trial balance zero, balances
 * equal to their entries, no owner's held, available or in-transit money below zero, `owed` only
 * from refunds and only when available is empty, and the platform's clearing, refunds and payout
 * accounts equal to what the operations moved. Replaying operations must change nothing.
 *
 * Seeded (LEDGER_SEED=… to reproduce a run); LEDGER_OPERATIONS sets the count.
 */
const SEED = Number(process.env.LEDGER_SEED ?? 20261207);
const OPERATIONS = Number(process.env.LEDGER_OPERATIONS ?? 2400);
const BATCH = 8;

/** mulberry32: small, fast, good enough to drive a test. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

type Owner = { type: 'seller' | 'cooperative'; id: string };
interface Order {
  id: string;
  seller: string;
  cooperative: string | null;
  method: SettlementMethod;
  total: number;
  /** What the model has seen refunded (successful refunds). */
  refunded: number;
  completed: boolean;
}
interface Payout {
  id: string;
  owner: Owner;
  amount: number;
  state: 'created' | 'paid' | 'failed';
}
interface Done {
  name: string;
  run: (manager: EntityManager) => Promise<LedgerTransaction | null>;
  result: LedgerTransaction | null;
}

const statusOf = (error: unknown) => (error as { getStatus?: () => number }).getStatus?.();

describe('ledger: random concurrent operations keep the books', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let postings: SettlementPostings;
  const random = prng(SEED);
  const sellers = Array.from({ length: 7 }, () => randomUUID());
  const cooperatives = [randomUUID(), randomUUID()];
  /** seller → its cooperative (some have none). */
  const membership = new Map<string, string | null>(sellers.map((id, i) => [id, i < 3 ? cooperatives[0]! : i < 5 ? cooperatives[1]! : null]));
  const orders: Order[] = [];
  const payouts: Payout[] = [];
  const done: Done[] = [];
  /** The platform's accounts as the operations moved them (debit positive). */
  const expected = { clearing: new Map<string, number>(), refundsPayable: 0, payoutsClearing: 0 };
  /** Owners' available money at the last check, to size payouts. */
  let available = new Map<string, number>();
  const counts: Record<string, number> = {};

  const ownerKey = (o: Owner) => `${o.type}:${o.id}`;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    ledger = t.app.get(LedgerService);
    postings = t.app.get(SettlementPostings);
    await t.app.get(CategoriesService).all(); // cached: postings read the tree without a second connection
    const admin = await createStaffUser(t, 'admin');
    await t.app.get(FeeSchedule).setCommission({ id: admin.user.id } as never, { defaultBps: 500, categoryBps: { tekstil: 700, kopi: 250 } });
    await t.db.query(`INSERT INTO ledger_cooperative_fees (cooperative_id, bps) VALUES ($1, 200), ($2, 0)`, cooperatives);
  });
  afterAll(() => t.close());

  /** One random operation: what it is, how to run it, and how the model changes if it posts. */
  function nextOperation(): { name: string; run: (m: EntityManager) => Promise<LedgerTransaction | null>; apply: (r: LedgerTransaction | null) => void } {
    const roll = random.next();
    const paid = orders.filter((o) => o.refunded < o.total);
    if (roll < 0.3 || paid.length < 4) {
      const seller = random.pick(sellers);
      const goods = random.int(1, 40) * 5_000 * 100 + (random.chance(0.1) ? random.int(1, 99) : 0);
      const shipping = random.chance(0.5) ? random.int(1, 30) * 100_000 : 0;
      const lines = random.chance(0.5) ? [{ categorySlug: random.pick(['endek', 'kopi', 'keramik', 'songket']), amount: goods }] : undefined;
      const order: Order = {
        id: randomUUID(),
        seller,
        cooperative: membership.get(seller)!,
        method: random.pick(['bank_transfer', 'stripe', 'xendit'] as const),
        total: goods + shipping,
        refunded: 0,
        completed: false,
      };
      return {
        name: 'payment',
        run: (m) => postings.paymentConfirmed(m, { orderId: order.id, sellerId: seller, cooperativeId: order.cooperative, method: order.method, total: order.total, lines }),
        apply: () => {
          orders.push(order);
          expected.clearing.set(order.method, (expected.clearing.get(order.method) ?? 0) + order.total);
        },
      };
    }
    if (roll < 0.45) {
      const order = random.pick(orders);
      return { name: 'completion', run: (m) => postings.orderCompleted(m, { orderId: order.id }), apply: () => void (order.completed = true) };
    }
    if (roll < 0.58) {
      const order = random.pick(paid);
      const left = order.total - order.refunded;
      const amount = random.chance(0.35) ? left : Math.max(1, Math.floor(random.int(1, left) / 100) * 100);
      const via = random.chance(0.3) ? ('gateway' as const) : ('refunds_payable' as const);
      const key = randomUUID();
      return {
        name: order.completed ? 'refund after release' : 'refund',
        run: (m) => postings.orderRefunded(m, { orderId: order.id, amount, reason: 'acak', key, via }),
        apply: () => {
          order.refunded += amount;
          if (via === 'gateway') expected.clearing.set(order.method, expected.clearing.get(order.method)! - amount);
          else expected.refundsPayable -= amount;
        },
      };
    }
    if (roll < 0.7) {
      const owner: Owner = random.chance(0.8) ? { type: 'seller', id: random.pick(sellers) } : { type: 'cooperative', id: random.pick(cooperatives) };
      const has = available.get(ownerKey(owner)) ?? 0;
      const amount = has > 0 && random.chance(0.9) ? random.int(1, has) : random.int(1, 1_000_000);
      const payout: Payout = { id: randomUUID(), owner, amount, state: 'created' };
      return {
        name: 'payout created',
        run: (m) => postings.payoutCreated(m, { payoutId: payout.id, ...(owner.type === 'seller' ? { sellerId: owner.id } : { cooperativeId: owner.id }), amount }),
        apply: () => void payouts.push(payout),
      };
    }
    if (roll < 0.82 && payouts.length > 0) {
      const payout = random.pick(payouts);
      const fail = random.chance(0.35);
      return {
        name: fail ? 'payout failed' : 'payout paid',
        run: (m) => (fail ? postings.payoutFailed(m, { payoutId: payout.id, reason: 'acak' }) : postings.payoutPaid(m, { payoutId: payout.id })),
        apply: (r) => {
          if (!r?.created) return;
          payout.state = fail ? 'failed' : 'paid';
          if (!fail) expected.payoutsClearing -= payout.amount;
        },
      };
    }
    const earlier = done.length ? random.pick(done) : undefined;
    if (!earlier) return nextOperation();
    return { name: 'replay', run: earlier.run, apply: () => undefined };
  }

  async function runBatch(operations: Array<ReturnType<typeof nextOperation>>) {
    type Outcome = { op: (typeof operations)[number]; result: LedgerTransaction | null } | { op: (typeof operations)[number]; conflict: true };
    const outcomes: Outcome[] = await Promise.all(
      operations.map(async (op): Promise<Outcome> => {
        try {
          return { op, result: await t.db.transaction((m) => op.run(m)) };
        } catch (error) {
          // Conflicts are legitimate under concurrency (money moved meanwhile, the payout went the other way, nothing left to refund).
          // The database's own sign check firing means a decision was taken on a stale balance: the locks failed.
          const detail = (error as { getResponse?: () => { detail?: string } }).getResponse?.().detail ?? '';
          if (statusOf(error) === 409 && !detail.startsWith('Not enough money in the account')) return { op, conflict: true };
          throw new Error(`${op.name} failed (seed ${SEED}): ${(error as Error).stack ?? error}`, { cause: error });
        }
      }),
    );
    const seen = new Set<object>();
    for (const outcome of outcomes) {
      const label = `${outcome.op.name}${'conflict' in outcome ? ' (409)' : ''}`;
      counts[label] = (counts[label] ?? 0) + 1;
      if (outcome.op.name === 'replay') {
        if ('result' in outcome && outcome.result?.created) throw new Error(`replay posted again (seed ${SEED}): ${JSON.stringify(outcome.result)}`);
        continue;
      }
      if (seen.has(outcome.op)) continue;
      seen.add(outcome.op);
      // The same operation twice in one batch (a double click, a duplicate webhook) posts at most once.
      const twins = outcomes.filter((o) => o.op === outcome.op);
      const posted = twins.filter((o) => 'result' in o && o.result?.created);
      if (posted.length > 1) throw new Error(`${outcome.op.name} posted ${posted.length} times (seed ${SEED})`);
      const first = (posted[0] ?? twins.find((o) => 'result' in o)) as { result: LedgerTransaction | null } | undefined;
      if (!first) continue;
      if (first.result === null || first.result.created) outcome.op.apply(first.result);
      // Any posting (or a computed "nothing to move") can be replayed later.
      done.push({ name: outcome.op.name, run: outcome.op.run, result: first.result });
    }
  }

  async function snapshot(): Promise<Map<string, number>> {
    const rows: Array<{ code: string; balance: string }> = await t.db.query(`SELECT a.code, b.balance::text AS balance FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id`);
    return new Map(rows.map((r) => [r.code, Number(r.balance)]));
  }

  async function checkBooks() {
    const [unbalanced] = await t.db.query(
      `SELECT count(*)::int AS n FROM ledger_transactions x
       LEFT JOIN LATERAL (SELECT count(*) AS lines, coalesce(sum(amount), 0) AS total FROM ledger_entries e WHERE e.transaction_id = x.id) s ON true
       WHERE s.lines < 2 OR s.total <> 0`,
    );
    expect(unbalanced.n).toBe(0);
    const trial = await ledger.trialBalance();
    expect(trial.total.amount).toBe(0);
    const [drift] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_balances b WHERE b.balance <> (SELECT coalesce(sum(amount), 0) FROM ledger_entries e WHERE e.account_id = b.account_id)`);
    expect(drift.n).toBe(0);
    // Owed grows only through refunds; no order keeps more held than its payment put there.
    const [owedOtherwise] = await t.db.query(
      `SELECT count(*)::int AS n FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions x ON x.id = e.transaction_id
       WHERE a.kind = 'owed' AND e.amount > 0 AND x.kind <> 'refund'`,
    );
    expect(owedOtherwise.n).toBe(0);
    const [heldBelowZero] = await t.db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT x.reference_id, e.account_id FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions x ON x.id = e.transaction_id
         WHERE a.kind = 'held' GROUP BY 1, 2 HAVING sum(e.amount) > 0) s`,
    );
    expect(heldBelowZero.n).toBe(0);
    // No order is refunded beyond what was paid for it.
    const [overRefunded] = await t.db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT x.reference_id FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions x ON x.id = e.transaction_id
         WHERE x.reference_type = 'order' AND a.kind IN ('clearing', 'refunds_payable')
         GROUP BY 1 HAVING sum(e.amount) < 0) s`,
    );
    expect(overRefunded.n).toBe(0);

    const balances = await snapshot();
    const next = new Map<string, number>();
    for (const owner of [...sellers.map((id) => ({ type: 'seller' as const, id })), ...cooperatives.map((id) => ({ type: 'cooperative' as const, id }))]) {
      const b = await ledger.balances(owner.type, owner.id);
      for (const part of [b.held, b.available, b.inTransit, b.paidOut, b.owed]) expect(part.amount).toBeGreaterThanOrEqual(0);
      if (b.owed.amount > 0) expect({ owner: ownerKey(owner), available: b.available.amount }).toEqual({ owner: ownerKey(owner), available: 0 });
      next.set(ownerKey(owner), b.available.amount);
    }
    available = next;
    for (const [method, amount] of expected.clearing) expect({ method, amount: balances.get(`platform:clearing:${method}`) ?? 0 }).toEqual({ method, amount });
    expect(balances.get('platform:refunds_payable') ?? 0).toBe(expected.refundsPayable);
    expect(balances.get('platform:payouts_clearing') ?? 0).toBe(expected.payoutsClearing);
  }

  it(`keeps every invariant through ${OPERATIONS} operations in concurrent batches of ${BATCH} (seed ${SEED})`, async () => {
    const started = Date.now();
    let batches = 0;
    for (let ran = 0; ran < OPERATIONS; ran += BATCH) {
      batches++;
      if (batches % 12 === 0 && done.length > BATCH) {
        // A batch of nothing but replays: the books must not move at all.
        const before = await snapshot();
        const [{ n: transactionsBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_transactions`);
        await runBatch(
          Array.from({ length: BATCH }, () => {
            const earlier = random.pick(done);
            return { name: 'replay', run: earlier.run, apply: () => undefined };
          }),
        );
        expect(await snapshot()).toEqual(before);
        const [{ n: transactionsAfter }] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_transactions`);
        expect(transactionsAfter).toBe(transactionsBefore);
      } else {
        const batch: Array<ReturnType<typeof nextOperation>> = [];
        while (batch.length < BATCH) {
          const op = nextOperation();
          batch.push(op);
          if (batch.length < BATCH && random.chance(0.1)) batch.push(op);
        }
        await runBatch(batch);
      }
      await checkBooks();
    }
    // The run exercised every path, conflicts included.
    for (const name of ['payment', 'completion', 'refund', 'refund after release', 'payout created', 'payout paid', 'payout failed', 'replay']) {
      expect({ name, seen: (counts[name] ?? 0) > 0 }).toEqual({ name, seen: true });
    }
    const [owedEver] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE a.kind = 'owed'`);
    expect(owedEver.n).toBeGreaterThan(0);
    console.log(`ledger property: ${OPERATIONS} operations, ${batches} batches in ${((Date.now() - started) / 1000).toFixed(1)} s`, counts);
  }, 600_000);
});
