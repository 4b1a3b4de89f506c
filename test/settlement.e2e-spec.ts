import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { OrderAutocomplete } from '#libs/commerce';
import { SettlementKeys } from '#libs/ledger';
import { SettlementSubscribers } from '../libs/ledger/src/settlement-subscribers.js';
import { addToCart, adminToken, checkout, createSeller, type Session } from './support/commerce.js';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const WEBHOOK_SECRET = 'whsec_test_settlement';
/** 5 % default commission on goods, floored to whole rupiah (100 minor units); shipping carries none. */
const commissionOn = (goods: number) => Math.floor((goods * 500) / 10_000 / 100) * 100;
/** Whole rupiah as an Indonesian bank statement writes them: 150000,00 minor units → "1.500". */
const rupiah = (minor: number) => String(minor / 100).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The Stripe API endpoints the app calls: sessions (checkout) and refunds. */
async function fakeStripe() {
  const refunds: URLSearchParams[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      res.setHeader('Content-Type', 'application/json');
      n++;
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        res.end(JSON.stringify({ id: `cs_test_${n}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_test_${n}`, status: 'open', payment_status: 'unpaid' }));
      } else if (req.method === 'POST' && req.url === '/v1/refunds') {
        refunds.push(params);
        res.end(JSON.stringify({ id: `re_test_${n}`, object: 'refund', status: 'succeeded', amount: Number(params.get('amount')), payment_intent: params.get('payment_intent') }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `No such route ${req.url}` } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { refunds, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * The order's life in the ledger: a confirmed payment (by an admin, a bank statement or Stripe)
 * puts the seller's net into held, completion (the buyer, or the sweep) releases it, a refund
 * takes it back; after every step the seller's balance and the trial balance are exact.
 */
describe('settlement: the ledger follows the order', () => {
  let t: TestApp;
  let stripe: Awaited<ReturnType<typeof fakeStripe>>;
  let admin: string;
  let buyer: Session;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let product: { id: string };
  const PRICE = 15_000_000;

  type Balance = { held: number; available: number; inTransit: number; paidOut: number; owed: number };
  const balance = async (): Promise<Balance> => {
    const res = await t.http().get(`/api/v1/sellers/${seller.sellerId}/balance`).set(bearer(seller.owner.token));
    expect(res.status).toBe(200);
    const b = res.body as Record<keyof Balance, { amount: number; currency: string }>;
    return { held: b.held.amount, available: b.available.amount, inTransit: b.inTransit.amount, paidOut: b.paidOut.amount, owed: b.owed.amount };
  };
  /** The trial balance (total always 0) as account → balance (debits +). */
  const trial = async (): Promise<Map<string, number>> => {
    const res = await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.total).toEqual({ amount: 0, currency: 'IDR' });
    return new Map((res.body.accounts as Array<{ account: string; balance: { amount: number } }>).map((a) => [a.account, a.balance.amount]));
  };
  const account = (accounts: Map<string, number>, code: string) => accounts.get(code) ?? 0;
  const place = async (who: Session, quantity: number, paymentMethod: 'bank_transfer' | 'stripe' = 'bank_transfer') => {
    expect((await addToCart(t, who.token, product.id, quantity)).status).toBe(201);
    const res = await checkout(t, who.token, { paymentMethod });
    expect(res.status).toBe(201);
    const [order] = res.body.orders as Array<{ id: string; total: { amount: number } }>;
    const total = order!.total.amount;
    const goods = PRICE * quantity;
    return {
      id: order!.id,
      total,
      goods,
      net: total - commissionOn(goods),
      commission: commissionOn(goods),
      payment: res.body.payment as { id: string; reference: string; amount: { amount: number }; checkoutUrl?: string },
    };
  };
  const move = (orderId: string, to: string, token: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(token))
      .send({ to, ...extra });
  const moveOk = async (orderId: string, to: string, token: string) => {
    const res = await move(orderId, to, token, to === 'shipped' ? { trackingNumber: 'JNE0001' } : {});
    expect([res.status, res.body.detail]).toEqual([200, undefined]);
    return res.body;
  };
  const upload = (csv: string) => t.http().post('/api/v1/admin/bank-statements').set(bearer(admin)).attach('file', Buffer.from(csv), 'mutasi.csv');
  const rank = (key: string) => [':paid', ':completed', ':refund:', ':refund-sent'].findIndex((s) => key.includes(s));
  /** The order's ledger transactions, in the order of its life (one job may post several in one database transaction). */
  const transactions = async (orderId: string) =>
    (
      (await t.db.query(`SELECT idempotency_key AS key, metadata FROM ledger_transactions WHERE reference_type = 'order' AND reference_id = $1`, [orderId])) as Array<{
        key: string;
        metadata: Record<string, unknown> | null;
      }>
    ).sort((a, b) => rank(a.key) - rank(b.key));

  beforeAll(async () => {
    stripe = await fakeStripe();
    t = await createTestApp({ worker: false, env: { STRIPE_SECRET_KEY: 'sk_test_fake123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.base, ORDER_AUTOCOMPLETE_DAYS: '3' } });
    admin = await adminToken(t);
    seller = await createSeller(t, 'Anyaman Tenganan');
    product = await seller.product({ stock: 100 });
    buyer = await registerUser(t, 'buyer', 'Kadek Pembeli');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => stripe.server.close(resolve));
  });

  let first: Awaited<ReturnType<typeof place>>;

  it('checkout → admin confirms → shipped → buyer confirms receipt: held, then available, the books balanced at each step', async () => {
    first = await place(buyer, 2);
    expect(first.total).toBeGreaterThan(first.goods); // shipping is charged, and carries no commission
    await t.drainJobs();
    expect(await balance()).toEqual({ held: 0, available: 0, inTransit: 0, paidOut: 0, owed: 0 });

    await moveOk(first.id, 'paid', admin);
    await t.drainJobs();
    expect(await balance()).toEqual({ held: first.net, available: 0, inTransit: 0, paidOut: 0, owed: 0 });
    let books = await trial();
    expect(account(books, 'platform:clearing:bank_transfer')).toBe(first.total);
    expect(account(books, 'platform:commission')).toBe(-first.commission);
    expect(account(books, `seller:${seller.sellerId}:held`)).toBe(-first.net);

    await moveOk(first.id, 'processing', seller.owner.token);
    await moveOk(first.id, 'shipped', seller.owner.token);
    await t.drainJobs();
    expect(await balance()).toEqual({ held: first.net, available: 0, inTransit: 0, paidOut: 0, owed: 0 });
    await trial();

    // "Pesanan diterima" straight from shipped, as on Tokopedia; the seller cannot complete for the buyer.
    expect((await move(first.id, 'completed', seller.owner.token)).status).toBe(403);
    const done = await moveOk(first.id, 'completed', buyer.token);
    expect(done.history.at(-1)).toMatchObject({ status: 'completed', actorRole: 'buyer' });
    await t.drainJobs();
    expect(await balance()).toEqual({ held: 0, available: first.net, inTransit: 0, paidOut: 0, owed: 0 });
    books = await trial();
    expect(account(books, `seller:${seller.sellerId}:available`)).toBe(-first.net);
    expect((await transactions(first.id)).map((x) => x.key)).toEqual([SettlementKeys.payment(first.id), SettlementKeys.completion(first.id)]);

    // A replayed job posts nothing.
    await t.app.get(SettlementSubscribers).settle(first.id);
    expect(await transactions(first.id)).toHaveLength(2);
    expect(await balance()).toEqual({ held: 0, available: first.net, inTransit: 0, paidOut: 0, owed: 0 });
  });

  it('offers the buyer a "Pesanan diterima" button on the order page once shipped', async () => {
    const order = await place(buyer, 1);
    await moveOk(order.id, 'paid', admin);
    await moveOk(order.id, 'processing', seller.owner.token);
    await moveOk(order.id, 'shipped', seller.owner.token);
    const browser = await signInWithForm(t, buyer, '/orders');
    const page = await browser.get(`/orders/${order.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Pesanan diterima');
    const confirmed = await browser
      .post(`/orders/${order.id}/transitions`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), to: 'completed' });
    expect(confirmed.status).toBe(303);
    await t.drainJobs();
    expect((await transactions(order.id)).map((x) => x.key)).toEqual([SettlementKeys.payment(order.id), SettlementKeys.completion(order.id)]);
    await trial();
  });

  it('confirms transfers from the bank statement once, and reports a short amount without confirming it', async () => {
    const other = await registerUser(t, 'buyer', 'Wayan Pembeli');
    const exact = await place(buyer, 1);
    const short = await place(other, 1);
    const before = await balance();
    const csv = [
      'tanggal,keterangan,jumlah',
      `01/12/2026,TRSF E-BANKING CR 0112/FTSCY/WS95031 ${exact.payment.reference.toLowerCase()} KADEK,"${rupiah(exact.total)},00"`,
      '01/12/2026,SETORAN TUNAI,100.000',
      `02/12/2026,TRF ${short.payment.reference} WAYAN,${rupiah(short.total - 1_000_000)}`,
      `02/12/2026,BIAYA ADM,-10.000`,
    ].join('\n');

    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.body.lines).toBe(4);
    expect(res.body.matched).toEqual([
      expect.objectContaining({ row: 2, reference: exact.payment.reference, paymentId: exact.payment.id, orderIds: [exact.id], amount: { amount: exact.total, currency: 'IDR' } }),
    ]);
    expect(res.body.amountMismatch).toEqual([
      expect.objectContaining({ row: 4, reference: short.payment.reference, expected: { amount: short.total, currency: 'IDR' }, amount: { amount: short.total - 1_000_000, currency: 'IDR' } }),
    ]);
    expect(res.body.unmatched.map((u: { row: number; reason: string }) => [u.row, u.reason])).toEqual([
      [3, 'no_reference'],
      [5, 'debit'],
    ]);
    expect(res.body.alreadyPaid).toEqual([]);

    const paid = (await t.http().get(`/api/v1/orders/${exact.id}`).set(bearer(buyer.token))).body;
    expect(paid.status).toBe('paid');
    expect(paid.history.filter((h: { status: string }) => h.status === 'paid')).toEqual([expect.objectContaining({ actorRole: 'admin' })]);
    expect((await t.http().get(`/api/v1/orders/${short.id}`).set(bearer(other.token))).body.status).toBe('pending_payment');
    await t.drainJobs();
    expect(await balance()).toEqual({ ...before, held: before.held + exact.net });
    await trial();

    // The same statement again: nothing is confirmed twice.
    const again = await upload(csv);
    expect(again.status).toBe(200);
    expect(again.body.matched).toEqual([]);
    expect(again.body.alreadyPaid).toEqual([expect.objectContaining({ row: 2, orderIds: [exact.id] })]);
    expect(again.body.amountMismatch).toHaveLength(1);
    await t.drainJobs();
    expect(await balance()).toEqual({ ...before, held: before.held + exact.net });
    const history = (await t.http().get(`/api/v1/orders/${exact.id}`).set(bearer(buyer.token))).body.history;
    expect(history.filter((h: { status: string }) => h.status === 'paid')).toHaveLength(1);
    expect((await transactions(exact.id)).map((x) => x.key)).toEqual([SettlementKeys.payment(exact.id)]);

    // The other path of API.md answers the same; a file without the columns is a 422 naming `file`.
    const alias = await t.http().post('/api/v1/admin/bank-transfers/statement').set(bearer(admin)).attach('file', Buffer.from(csv), 'mutasi.csv');
    expect(alias.status).toBe(200);
    expect(alias.body.alreadyPaid).toHaveLength(1);
    const bad = await upload('when,what\n1,2\n');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('file');
    const english = await upload(`date,description,amount\n2026-12-03,transfer ${short.payment.reference},"${(short.total / 100).toLocaleString('en-US')}.00"\n`);
    expect(english.body.matched).toEqual([expect.objectContaining({ orderIds: [short.id] })]);

    // Only admins upload statements.
    expect((await t.http().post('/api/v1/admin/bank-statements').set(bearer(buyer.token)).attach('file', Buffer.from(csv), 'm.csv')).status).toBe(403);
  });

  it("lists pending transfers on the admin's page and confirms one with its button", async () => {
    const order = await place(buyer, 1);
    const staff = await createStaffUser(t, 'admin');
    const browser = await signInWithForm(t, staff);
    const page = await browser.get('/dashboard/admin/transfers');
    expect(page.status).toBe(200);
    expect(page.text).toContain(order.payment.reference);
    expect(page.text).toContain(`action="/dashboard/admin/transfers/${order.payment.id}/confirm"`);
    const confirmed = await browser
      .post(`/dashboard/admin/transfers/${order.payment.id}/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(confirmed.status).toBe(303);
    expect((await t.http().get(`/api/v1/orders/${order.id}`).set(bearer(buyer.token))).body.status).toBe('paid');
    const after = await browser.get('/dashboard/admin/transfers');
    expect(after.text).not.toContain(order.payment.reference);
    const buyerBrowser = await signInWithForm(t, buyer, '/orders');
    expect((await buyerBrowser.get('/dashboard/admin/transfers')).status).toBe(403);
    await t.drainJobs();
    await trial();
  });

  it('completes delivered orders after ORDER_AUTOCOMPLETE_DAYS, shipped ones after 14 days, each alone, and leaves fresh ones', async () => {
    const shipped = async () => {
      const order = await place(buyer, 1);
      await moveOk(order.id, 'paid', admin);
      await moveOk(order.id, 'processing', seller.owner.token);
      await moveOk(order.id, 'shipped', seller.owner.token);
      return order;
    };
    const delivered = async () => {
      const order = await shipped();
      await moveOk(order.id, 'delivered', buyer.token);
      return order;
    };
    const old = await delivered();
    const fresh = await delivered();
    const lost = await shipped(); // no delivery news for 15 days
    const recent = await shipped(); // shipped 5 days ago
    const blocked = await delivered(); // its completion is refused (as an open dispute would)
    const age = (orderId: string, days: number) => t.db.query(`UPDATE order_events SET at = at - make_interval(days => $2) WHERE order_id = $1`, [orderId, days]);
    await age(old.id, 4);
    await age(fresh.id, 2);
    await age(lost.id, 15);
    await age(recent.id, 5);
    await age(blocked.id, 4);
    await t.drainJobs();
    const before = await balance();
    await t.db.query(`CREATE FUNCTION refuse_completion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'completed' AND NEW.id = '${blocked.id}' THEN RAISE EXCEPTION 'a dispute is open'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_completion BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION refuse_completion()`);
    let result: Awaited<ReturnType<OrderAutocomplete['sweep']>>;
    try {
      result = await t.app.get(OrderAutocomplete).sweep();
    } finally {
      await t.db.query(`DROP TRIGGER refuse_completion ON orders; DROP FUNCTION refuse_completion()`);
    }
    expect(result.completed.sort()).toEqual([old.id, lost.id].sort());
    expect(result.skipped).toEqual([expect.objectContaining({ orderId: blocked.id })]);
    const statusOf = async (id: string) => (await t.http().get(`/api/v1/orders/${id}`).set(bearer(buyer.token))).body;
    const oldNow = await statusOf(old.id);
    expect(oldNow.status).toBe('completed');
    expect(oldNow.history.at(-1)).toMatchObject({ status: 'completed', actorRole: 'system', actorId: null });
    expect((await statusOf(lost.id)).status).toBe('completed');
    expect((await statusOf(fresh.id)).status).toBe('delivered');
    expect((await statusOf(recent.id)).status).toBe('shipped');
    expect((await statusOf(blocked.id)).status).toBe('delivered');

    await t.drainJobs();
    const released = old.net + lost.net;
    expect(await balance()).toEqual({ ...before, held: before.held - released, available: before.available + released });
    await trial();
    // A second sweep has nothing more to do (the blocked one is tried again, and now completes).
    const again = await t.app.get(OrderAutocomplete).sweep();
    expect(again.completed).toEqual([blocked.id]);
    await t.drainJobs();
    expect(await balance()).toEqual({ ...before, held: before.held - released - blocked.net, available: before.available + released + blocked.net });
    await trial();
  });

  it('a refund after completion takes the seller’s share back from available, owed back to the buyer; the books stay at zero', async () => {
    const books = await trial();
    const before = await balance();
    const res = await move(first.id, 'refunded', admin, { reason: 'barang rusak' });
    expect(res.status).toBe(200);
    await t.drainJobs();
    const after = await balance();
    expect(after.available).toBe(Math.max(0, before.available - first.net));
    expect(after.owed).toBe(Math.max(0, first.net - before.available));
    expect(after.held).toBe(before.held);
    const booksAfter = await trial();
    expect(account(booksAfter, 'platform:refunds_payable')).toBe(account(books, 'platform:refunds_payable') - first.total);
    expect(account(booksAfter, 'platform:commission')).toBe(account(books, 'platform:commission') + first.commission);
    const refund = (await transactions(first.id)).at(-1)!;
    expect(refund).toMatchObject({ key: SettlementKeys.refund(first.id, 'full'), metadata: expect.objectContaining({ amount: first.total, via: 'refunds_payable' }) });
    // The transfer back is on the admin's list.
    const owed = await t.http().get('/api/v1/transfer-refunds').set(bearer(admin));
    expect(owed.body.items.map((i: { orderId: string }) => i.orderId)).toContain(first.id);

    // The admin sends it back and records it: refunds payable is paid out of the bank's clearing account.
    const sent = await t.http().post(`/api/v1/orders/${first.id}/transfer-refund`).set(bearer(admin)).send({ bankReference: 'BRI-REF-0001' });
    expect(sent.status).toBe(200);
    await t.drainJobs();
    const booksSent = await trial();
    expect(account(booksSent, 'platform:refunds_payable')).toBe(account(books, 'platform:refunds_payable'));
    expect(account(booksSent, 'platform:clearing:bank_transfer')).toBe(account(books, 'platform:clearing:bank_transfer') - first.total);
    expect((await transactions(first.id)).map((x) => x.key)).toEqual([
      SettlementKeys.payment(first.id),
      SettlementKeys.completion(first.id),
      SettlementKeys.refund(first.id, 'full'),
      SettlementKeys.refundSent(first.id),
    ]);
    await t.app.get(SettlementSubscribers).settle(first.id);
    expect(await transactions(first.id)).toHaveLength(4);
  });

  it('a paid order its seller cancels gives the held money back to the buyer', async () => {
    const order = await place(buyer, 1);
    await moveOk(order.id, 'paid', admin);
    await t.drainJobs();
    const before = await balance();
    await moveOk(order.id, 'cancelled', seller.owner.token);
    await t.drainJobs();
    expect(await balance()).toEqual({ ...before, held: before.held - order.net });
    expect((await transactions(order.id)).map((x) => x.key)).toEqual([SettlementKeys.payment(order.id), SettlementKeys.refund(order.id, 'full')]);
    await trial();
  });

  it('a Stripe order refunded goes back through the gateway: its clearing account, not refunds payable', async () => {
    const order = await place(buyer, 1, 'stripe');
    const session = order.payment.checkoutUrl!.split('/').pop()!;
    const payload = JSON.stringify({
      id: 'evt_settlement_paid',
      object: 'event',
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: 'checkout.session.completed',
      data: {
        object: {
          object: 'checkout.session',
          id: session,
          client_reference_id: order.payment.id,
          payment_status: 'paid',
          payment_intent: 'pi_settlement',
          amount_total: order.payment.amount.amount,
          currency: 'idr',
        },
      },
    });
    const hook = await t
      .http()
      .post('/api/v1/payments/stripe/webhook')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
      .send(payload);
    expect(hook.status).toBe(200);
    await t.drainJobs();
    let books = await trial();
    const clearing = account(books, 'platform:clearing:stripe');
    expect(clearing).toBe(order.total);
    const payable = account(books, 'platform:refunds_payable');
    const before = await balance();

    await moveOk(order.id, 'refunded', admin);
    await t.drainJobs();
    books = await trial();
    expect(account(books, 'platform:clearing:stripe')).toBe(0);
    expect(account(books, 'platform:refunds_payable')).toBe(payable);
    expect(await balance()).toEqual({ ...before, held: before.held - order.net });
    expect((await transactions(order.id)).at(-1)).toMatchObject({ key: SettlementKeys.refund(order.id, 'full'), metadata: expect.objectContaining({ via: 'gateway', amount: order.total }) });
    expect(stripe.refunds.map((r) => r.get('amount'))).toEqual([String(order.total)]);
  });

  it('counts a sale in the KUR statement and the curators’ dashboard once its money is released, and a refund after release takes it back', async () => {
    const weaver = await createSeller(t, 'Tenun Ikat Sidemen');
    const cloth = await weaver.product({ stock: 10 });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Bali time
    const statementTotal = async () => {
      const res = await t
        .http()
        .get(`/api/v1/sellers/${weaver.sellerId}/reports/sales-statement`)
        .query({ from: `${today.slice(0, 7)}-01`, to: today, format: 'csv' })
        .set(bearer(weaver.owner.token));
      expect(res.status).toBe(200);
      return res.text.trim().split('\r\n').at(-1);
    };
    const dashboardMonth = async () => {
      const res = await t.http().get(`/api/v1/curation/dashboard?regency=gianyar`).set(bearer(admin));
      expect(res.status).toBe(200);
      const month = res.body.regencies[0].monthly.at(-1) as { month: string; orders: number; sales: { amount: number } };
      expect(month.month).toBe(today.slice(0, 7));
      return month;
    };
    const before = await dashboardMonth();
    expect((await addToCart(t, buyer.token, cloth.id, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token, {});
    expect(placed.status).toBe(201);
    const order = placed.body.orders[0] as { id: string; total: { amount: number } };
    for (const to of ['paid', 'processing', 'shipped']) await moveOk(order.id, to, to === 'paid' ? admin : weaver.owner.token);
    await t.drainJobs();
    // Paid and shipped is not yet a sale a bank can count on.
    expect(await statementTotal()).toBe('total,0,0,Rp 0');
    expect(await dashboardMonth()).toEqual(before);

    await moveOk(order.id, 'completed', buyer.token);
    await t.drainJobs();
    const whole = order.total.amount / 100;
    expect(await statementTotal()).toBe(`total,1,${whole},Rp ${whole.toLocaleString('id-ID')}`);
    expect(await dashboardMonth()).toMatchObject({ orders: before.orders + 1, sales: { amount: before.sales.amount + order.total.amount } });

    expect((await move(order.id, 'refunded', admin, { reason: 'barang rusak' })).status).toBe(200);
    await t.drainJobs();
    expect(await statementTotal()).toBe('total,1,0,Rp 0');
    expect(await dashboardMonth()).toMatchObject({ orders: before.orders + 1, sales: { amount: before.sales.amount } });
  });
});
