import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { OrderRefunds } from '#libs/commerce';
import { SettlementPostings } from '#libs/ledger';
import { StripePaymentJobs } from '../libs/commerce/src/payments/stripe-payment-jobs.service.js';
import { addToCart, adminToken, checkout, createSeller } from './support/commerce.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const WEBHOOK_SECRET = 'whsec_test_partial_refunds';

/** A stand-in for the Stripe endpoints the app calls (Checkout Sessions, refunds); no network. */
async function fakeStripe() {
  const requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders; params: URLSearchParams }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, params });
      res.setHeader('Content-Type', 'application/json');
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        const id = `cs_test_${requests.length}`;
        res.end(JSON.stringify({ id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}`, status: 'open', payment_status: 'unpaid' }));
      } else if (req.method === 'POST' && req.url === '/v1/refunds') {
        res.end(JSON.stringify({ id: `re_test_${requests.length}`, object: 'refund', status: 'succeeded', amount: Number(params.get('amount')), payment_intent: params.get('payment_intent') }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `No such route ${req.url}` } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Partial refunds reach the buyer (commerce's `order_refunds`): a dispute's partial outcome is
 * refunded to the card through Stripe once, or listed as owed back by bank transfer until an admin
 * records it sent; a later full refund of the same order gives back only what is left, so the
 * buyer gets exactly the total and the ledger (trial balance zero) agrees.
 */
describe('partial refunds', () => {
  let t: TestApp;
  let stripe: Awaited<ReturnType<typeof fakeStripe>>;
  let admin: string;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let buyer: Awaited<ReturnType<typeof registerUser>>;

  const move = (orderId: string, to: string, token: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(token))
      .send({ to, ...extra });
  const sendEvent = (event: Record<string, unknown>) => {
    const payload = JSON.stringify({ object: 'event', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, ...event });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    return t.http().post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', header).send(payload);
  };
  /** A delivered order of one product, paid by `method` (a card: Stripe's webhook says so, with `intent`), its payment posted in the ledger. */
  const delivered = async (method: 'stripe' | 'bank_transfer', intent = '') => {
    const product = await seller.product({ stock: 2, price: { amount: 10_000_000, currency: 'IDR' } });
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token, { paymentMethod: method });
    expect(placed.status).toBe(201);
    const id = placed.body.orders[0].id as string;
    const total = placed.body.orders[0].total.amount as number;
    if (method === 'stripe') {
      const session = placed.body.payment.checkoutUrl.split('/').pop();
      const paid = await sendEvent({
        id: `evt_paid_${id}`,
        type: 'checkout.session.completed',
        data: {
          object: {
            object: 'checkout.session',
            id: session,
            client_reference_id: placed.body.payment.id,
            payment_status: 'paid',
            payment_intent: intent,
            amount_total: placed.body.payment.amount.amount,
            currency: 'idr',
          },
        },
      });
      expect(paid.status).toBe(200);
    } else {
      expect((await move(id, 'paid', admin)).status).toBe(200);
    }
    expect((await move(id, 'processing', seller.owner.token)).status).toBe(200);
    expect((await move(id, 'shipped', seller.owner.token, { trackingNumber: 'JNE1' })).status).toBe(200);
    expect((await move(id, 'delivered', buyer.token)).status).toBe(200);
    await t.drainJobs();
    return { id, total };
  };
  /** Opens a dispute asking for `amount` (or a full refund) and the seller accepts it: resolved. */
  const disputeAccepted = async (orderId: string, amount?: number) => {
    const opened = await t
      .http()
      .post(`/api/v1/orders/${orderId}/disputes`)
      .set(bearer(buyer.token))
      .send({ reason: 'damaged', description: 'Retak di sudut.', ...(amount ? { requested: 'partial_refund', amount: { amount, currency: 'IDR' } } : { requested: 'refund' }) });
    expect(opened.status).toBe(201);
    const accepted = await t.http().post(`/api/v1/disputes/${opened.body.id}/response`).set(bearer(seller.owner.token)).send({ action: 'accept', message: 'Maaf.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('resolved');
    return opened.body.id as string;
  };
  const refundCalls = (intent: string) => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.params.get('payment_intent') === intent);
  const parts = (orderId: string) =>
    t.db.query(`SELECT id, amount::int AS amount, status, stripe_refund_id, bank_reference, idempotency_key FROM order_refunds WHERE order_id = $1 ORDER BY created_at`, [orderId]);
  const owedList = async () => {
    const list = await t.http().get('/api/v1/transfer-refunds?perPage=100').set(bearer(admin));
    expect(list.status).toBe(200);
    return list.body.items as Array<{ orderId: string; refundId?: string; amount: { amount: number }; status: string }>;
  };
  /** The order's net in one platform account (what the order's postings left there). */
  const netIn = async (orderId: string, code: string) => {
    const [row] = await t.db.query(
      `SELECT coalesce(sum(e.amount), 0)::bigint::text AS net FROM ledger_entries e JOIN ledger_transactions tr ON tr.id = e.transaction_id JOIN ledger_accounts a ON a.id = e.account_id
       WHERE tr.reference_type = 'order' AND tr.reference_id = $1 AND a.code = $2`,
      [orderId, code],
    );
    return Number(row.net);
  };
  const trialBalanceZero = async () => {
    const trial = await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(admin));
    expect(trial.status).toBe(200);
    expect(trial.body.total.amount).toBe(0);
  };
  const refundable = (orderId: string) => t.db.transaction((manager) => t.app.get(SettlementPostings).refundable(manager, orderId));

  beforeAll(async () => {
    stripe = await fakeStripe();
    t = await createTestApp({ worker: false, env: { STRIPE_SECRET_KEY: 'sk_test_fake123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.base } });
    admin = await adminToken(t);
    seller = await createSeller(t, 'Gerabah Pejaten');
    buyer = await registerUser(t, 'buyer', 'Pembeli Kartu');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => stripe.server.close(resolve));
  });

  it('refunds a card order’s partial dispute outcome through Stripe once, exactly that amount', async () => {
    const o = await delivered('stripe', 'pi_partial_1');
    const disputeId = await disputeAccepted(o.id, 2_500_000);
    const [part] = await parts(o.id);
    expect(part).toMatchObject({ amount: 2_500_000, status: 'owed', idempotency_key: `dispute:${disputeId}` });
    await t.drainJobs();
    const calls = refundCalls('pi_partial_1');
    expect(calls).toHaveLength(1);
    expect(Number(calls[0]!.params.get('amount'))).toBe(2_500_000);
    expect(calls[0]!.headers['idempotency-key']).toBe(`refund-part-${part.id}`);
    expect((await parts(o.id))[0]).toMatchObject({ status: 'refunded', stripe_refund_id: expect.stringMatching(/^re_test_/) });
    // Replaying the job, or the hourly sweep, refunds nothing more.
    await t.app.get(StripePaymentJobs).refundPart({ refundId: part.id });
    await t.app.get(StripePaymentJobs).requeueOwedRefunds();
    await t.drainJobs();
    expect(refundCalls('pi_partial_1')).toHaveLength(1);
    // The ledger gave the same amount back to the card's clearing account, and the order goes on.
    expect(await refundable(o.id)).toBe(o.total - 2_500_000);
    expect((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [o.id]))[0].status).toBe('delivered');
    await trialBalanceZero();
  });

  it('is idempotent by key and refuses more than what is left of the order (409)', async () => {
    const o = await delivered('bank_transfer');
    const refunds = t.app.get(OrderRefunds);
    const ds = t.db;
    const first = await ds.transaction((m) => refunds.refundPart(m, o.id, { amount: 1_000_000, reason: 'test', key: `test:${o.id}` }));
    const again = await ds.transaction((m) => refunds.refundPart(m, o.id, { amount: 1_000_000, reason: 'test', key: `test:${o.id}` }));
    expect(again.id).toBe(first.id);
    await expect(ds.transaction((m) => refunds.refundPart(m, o.id, { amount: 2_000_000, reason: 'test', key: `test:${o.id}` }))).rejects.toMatchObject({ status: 409 });
    await expect(ds.transaction((m) => refunds.refundPart(m, o.id, { amount: o.total - 1_000_000 + 1, reason: 'test', key: `test2:${o.id}` }))).rejects.toMatchObject({ status: 409 });
    expect(await parts(o.id)).toHaveLength(1);
    await ds.query(`DELETE FROM order_refunds WHERE order_id = $1`, [o.id]);
  });

  it('lists a bank-transfer order’s partial refund as owed until an admin records it sent', async () => {
    const o = await delivered('bank_transfer');
    await disputeAccepted(o.id, 3_000_000);
    const [part] = await parts(o.id);
    const owed = (await owedList()).filter((item) => item.orderId === o.id);
    expect(owed).toEqual([expect.objectContaining({ refundId: part.id, amount: expect.objectContaining({ amount: 3_000_000 }), status: 'delivered' })]);
    expect(await netIn(o.id, 'platform:refunds_payable')).toBe(-3_000_000);

    // Nothing else is owed: a wrong refund id is refused.
    expect((await t.http().post(`/api/v1/orders/${o.id}/transfer-refund`).set(bearer(admin)).send({ bankReference: 'BRI 1', refundId: o.id })).status).toBe(409);
    const sent = await t.http().post(`/api/v1/orders/${o.id}/transfer-refund`).set(bearer(admin)).send({ bankReference: 'BRI 2026120700001', refundId: part.id });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'delivered', refunded: { amount: 3_000_000 } });
    expect((await owedList()).filter((item) => item.orderId === o.id)).toEqual([]);
    expect((await parts(o.id))[0]).toMatchObject({ status: 'sent', bank_reference: 'BRI 2026120700001' });
    expect((await t.http().post(`/api/v1/orders/${o.id}/transfer-refund`).set(bearer(admin)).send({ bankReference: 'BRI 3', refundId: part.id })).status).toBe(409);
    await t.drainJobs();
    // The ledger: refunds_payable for the order paid out of the bank's clearing account.
    expect(await netIn(o.id, 'platform:refunds_payable')).toBe(0);
    await trialBalanceZero();
  });

  it('a card order: a partial then a full refund give back exactly the total, in Stripe and in the ledger', async () => {
    const o = await delivered('stripe', 'pi_partial_full');
    await disputeAccepted(o.id, 4_000_000);
    await t.drainJobs();
    // A second dispute on the same order is allowed now: a full refund of what is left.
    await disputeAccepted(o.id);
    expect((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [o.id]))[0].status).toBe('refunded');
    await t.drainJobs();
    const calls = refundCalls('pi_partial_full');
    expect(calls.map((c) => Number(c.params.get('amount')))).toEqual([4_000_000, o.total - 4_000_000]);
    // Replays give nothing more.
    await t.app.get(StripePaymentJobs).requeueOwedRefunds();
    await t.drainJobs();
    expect(refundCalls('pi_partial_full')).toHaveLength(2);
    // The buyer's order page says the whole total went back.
    expect((await t.http().get(`/api/v1/orders/${o.id}`).set(bearer(buyer.token))).body).toMatchObject({ status: 'refunded', refunded: { amount: o.total } });
    expect(await refundable(o.id)).toBe(0);
    // Everything paid into clearing:stripe for the order went back out of it.
    expect(await netIn(o.id, 'platform:clearing:stripe')).toBe(0);
    await trialBalanceZero();
  });

  it('a bank-transfer order: a partial then a full refund are owed and sent as exactly the total', async () => {
    const o = await delivered('bank_transfer');
    await disputeAccepted(o.id, 1_500_000);
    await disputeAccepted(o.id);
    await t.drainJobs();
    const owed = (await owedList()).filter((item) => item.orderId === o.id);
    expect(owed.map((item) => item.amount.amount).sort((a, b) => a - b)).toEqual([1_500_000, o.total - 1_500_000].sort((a, b) => a - b));
    expect(owed.find((item) => !item.refundId)).toMatchObject({ status: 'refunded' });
    // Recorded at once (no refund id): everything owed on the order.
    const sent = await t.http().post(`/api/v1/orders/${o.id}/transfer-refund`).set(bearer(admin)).send({ bankReference: 'BCA 77' });
    expect(sent.status).toBe(200);
    expect((await owedList()).filter((item) => item.orderId === o.id)).toEqual([]);
    await t.drainJobs();
    expect(await refundable(o.id)).toBe(0);
    expect(await netIn(o.id, 'platform:refunds_payable')).toBe(0);
    expect(await netIn(o.id, 'platform:clearing:bank_transfer')).toBe(0);
    const [{ given }] = await t.db.query(`SELECT (refunded_amount + (SELECT sum(amount) FROM order_refunds WHERE order_id = $1))::bigint::text AS given FROM orders WHERE id = $1`, [o.id]);
    expect(Number(given)).toBe(o.total);
    await trialBalanceZero();
  });
});
