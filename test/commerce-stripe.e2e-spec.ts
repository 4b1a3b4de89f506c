import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { StripePaymentJobs } from '../libs/commerce/src/payments/stripe-payment-jobs.service.js';
import { addToCart, checkout, createSeller, stockOf, type Session } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const WEBHOOK_SECRET = 'whsec_test_pasarkerthi';

/** A tiny stand-in for the Stripe API endpoints the app calls (no network here). */
async function fakeStripe() {
  const requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders; params: URLSearchParams }> = [];
  const state = { refundsDown: false, sessionsDown: false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, params });
      res.setHeader('Content-Type', 'application/json');
      const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(req.url!);
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions' && state.sessionsDown) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Stripe refused the session' } }));
      } else if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        const id = `cs_test_${requests.length}`;
        res.end(
          JSON.stringify({
            id,
            object: 'checkout.session',
            url: `https://checkout.stripe.com/c/pay/${id}`,
            status: 'open',
            payment_status: 'unpaid',
            client_reference_id: params.get('client_reference_id'),
          }),
        );
      } else if (req.method === 'POST' && expire) {
        res.end(JSON.stringify({ id: expire[1], object: 'checkout.session', status: 'expired', payment_status: 'unpaid' }));
      } else if (req.method === 'POST' && req.url === '/v1/refunds' && state.refundsDown) {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: { type: 'api_error', message: 'Stripe is having a bad day' } }));
      } else if (req.method === 'POST' && req.url === '/v1/refunds') {
        res.end(JSON.stringify({ id: `re_test_${requests.length}`, object: 'refund', status: 'succeeded', amount: Number(params.get('amount')), payment_intent: params.get('payment_intent') }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `No such route ${req.url}` } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, state, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('commerce: Stripe Checkout and webhooks', () => {
  let t: TestApp;
  let stripe: Awaited<ReturnType<typeof fakeStripe>>;
  let buyer: Session;
  let a: Awaited<ReturnType<typeof createSeller>>;
  let b: Awaited<ReturnType<typeof createSeller>>;
  let basket: { id: string };
  let mask: { id: string };

  const send = (event: Record<string, unknown>, signature?: string) => {
    const payload = JSON.stringify({ object: 'event', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, ...event });
    const header = signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    return t.http().post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', header).send(payload);
  };
  const sessionEvent = (id: string, type: string, session: Record<string, unknown>) => send({ id, type, data: { object: { object: 'checkout.session', ...session } } });
  const order = async (id: string) => (await t.http().get(`/api/v1/orders/${id}`).set(bearer(buyer.token))).body;
  const callsTo = (path: string) => stripe.requests.filter((r) => r.method === 'POST' && r.path === path);
  const sessionOf = (placed: { body: { payment: { checkoutUrl: string } } }) => placed.body.payment.checkoutUrl.split('/').pop()!;

  beforeAll(async () => {
    stripe = await fakeStripe();
    t = await createTestApp({ worker: false, env: { STRIPE_SECRET_KEY: 'sk_test_fake123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.base } });
    a = await createSeller(t, 'Tenun Sidemen');
    b = await createSeller(t, 'Topeng Mas');
    basket = await a.product({ stock: 4 });
    mask = await b.product({ stock: 4, price: { amount: 50_000_000, currency: 'IDR' } });
    buyer = await registerUser(t, 'buyer', 'Emma Buyer');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => stripe.server.close(resolve));
  });

  let paymentId: string;
  let paymentAmount: number;
  let orderIds: string[];
  /** What Stripe reports of a paid session for `placed`: its charge in IDR minor units. */
  const paidSession = (placed: { body: { payment: { id: string; checkoutUrl: string; amount: { amount: number } } } }, intent: string) => ({
    id: sessionOf(placed),
    client_reference_id: placed.body.payment.id,
    payment_status: 'paid',
    payment_intent: intent,
    amount_total: placed.body.payment.amount.amount,
    currency: 'idr',
  });

  it('opens one Checkout Session for all orders of a checkout, in IDR minor units, idempotently', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    await addToCart(t, buyer.token, mask.id, 2);
    const response = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    expect(response.status).toBe(201);
    expect(response.body.payment).toMatchObject({ method: 'stripe', checkoutUrl: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/) });
    expect(response.body.payment.instructions).toBeUndefined();
    paymentId = response.body.payment.id;
    paymentAmount = response.body.payment.amount.amount;
    orderIds = response.body.orders.map((o: { id: string }) => o.id);

    expect(stripe.requests).toHaveLength(1);
    const [call] = stripe.requests;
    expect(call!.path).toBe('/v1/checkout/sessions');
    expect(call!.headers.authorization).toBe('Bearer sk_test_fake123');
    expect(call!.headers['idempotency-key']).toBe(`checkout-${paymentId}`);
    expect(call!.params.get('client_reference_id')).toBe(paymentId);
    expect(call!.params.get('line_items[0][price_data][currency]')).toBe('idr');
    const amounts = [0, 1].map((i) => Number(call!.params.get(`line_items[${i}][price_data][unit_amount]`)));
    expect(amounts.reduce((x, y) => x + y)).toBe(response.body.payment.amount.amount);
    expect(call!.params.get('metadata[orderIds]')!.split(',').sort()).toEqual([...orderIds].sort());
    expect(await stockOf(t, mask.id)).toBe(2);
  });

  it('refuses webhooks without a valid signature', async () => {
    const forged = await sessionEvent('evt_forged', 'checkout.session.completed', { id: 'cs_test_1', client_reference_id: paymentId, payment_status: 'paid' }).set(
      'Stripe-Signature',
      't=1,v1=deadbeef',
    );
    expect(forged.status).toBe(400);
    const unsigned = await t.http().post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').send({ id: 'evt_x', type: 'checkout.session.completed' });
    expect(unsigned.status).toBe(400);
    expect((await order(orderIds[0]!)).status).toBe('pending_payment');
  });

  it('marks the orders paid once, however often Stripe delivers the event', async () => {
    const completed = { id: 'cs_test_1', client_reference_id: paymentId, metadata: { paymentId }, payment_status: 'paid', payment_intent: 'pi_test_1', amount_total: paymentAmount, currency: 'idr' };
    const first = await sessionEvent('evt_completed_1', 'checkout.session.completed', completed);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const again = await sessionEvent('evt_completed_1', 'checkout.session.completed', completed);
    expect(again.body).toEqual({ received: true, duplicate: true });
    for (const id of orderIds) {
      const paid = await order(id);
      expect(paid).toMatchObject({ status: 'paid', payment: { method: 'stripe', status: 'paid' } });
      expect(paid.history.filter((h: { status: string }) => h.status === 'paid')).toEqual([expect.objectContaining({ actorId: null, actorRole: 'system' })]);
    }
    // A late "expired" for a paid session is ignored.
    expect((await sessionEvent('evt_expired_late', 'checkout.session.expired', { id: 'cs_test_1', client_reference_id: paymentId })).status).toBe(200);
    expect((await order(orderIds[0]!)).status).toBe('paid');
  });

  it('refunds and restocks when the charge is refunded', async () => {
    const before = await stockOf(t, mask.id);
    const refunded = await send({
      id: 'evt_refund_1',
      type: 'charge.refunded',
      data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_test_1', refunded: true, amount_refunded: 1, metadata: {} } },
    });
    expect(refunded.status).toBe(200);
    for (const id of orderIds) {
      const view = await order(id);
      expect(view).toMatchObject({ status: 'refunded', payment: { status: 'refunded' }, refunded: view.total });
    }
    expect(await stockOf(t, mask.id)).toBe(before + 2);
    // Refunded in Stripe already: nothing is asked of Stripe again.
    await t.drainJobs();
    expect(callsTo('/v1/refunds')).toHaveLength(0);
  });

  it('refunds the card when an admin refunds a paid order, once, whatever Stripe reports after', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    const [{ id, total }] = placed.body.orders;
    await sessionEvent('evt_completed_admin', 'checkout.session.completed', paidSession(placed, 'pi_test_admin'));
    const admin = await createStaffUser(t, 'admin');
    const refunded = await t.http().post(`/api/v1/orders/${id}/transitions`).set(bearer(admin.token)).send({ to: 'refunded', reason: 'damaged in transit' });
    expect(refunded.status).toBe(200);
    await t.drainJobs();
    const calls = callsTo('/v1/refunds').filter((call) => call.params.get('payment_intent') === 'pi_test_admin');
    expect(calls).toHaveLength(1);
    expect(Number(calls[0]!.params.get('amount'))).toBe(total.amount);
    expect(await order(id)).toMatchObject({ status: 'refunded', refunded: total });
    // Stripe then reports the refund it made: nothing changes and nothing is refunded twice.
    await send({
      id: 'evt_refund_admin',
      type: 'charge.refunded',
      data: { object: { id: 'ch_admin', object: 'charge', payment_intent: 'pi_test_admin', refunded: true, amount_refunded: total.amount, metadata: {} } },
    });
    await t.drainJobs();
    expect(callsTo('/v1/refunds').filter((call) => call.params.get('payment_intent') === 'pi_test_admin')).toHaveLength(1);
    expect((await order(id)).history.filter((h: { reason?: string }) => h.reason?.includes('refunded to the card'))).toHaveLength(1);
  });

  it('cancels the orders and releases stock when the session expires unpaid', async () => {
    await addToCart(t, buyer.token, mask.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    expect(placed.status).toBe(201);
    const before = await stockOf(t, mask.id);
    const expired = await sessionEvent('evt_expired_2', 'checkout.session.expired', { id: 'cs_test_x', client_reference_id: placed.body.payment.id, payment_status: 'unpaid' });
    expect(expired.status).toBe(200);
    expect(await order(placed.body.orders[0].id)).toMatchObject({ status: 'cancelled', payment: { status: 'expired' } });
    expect(await stockOf(t, mask.id)).toBe(before + 1);
    // Completing after expiry cannot revive a cancelled order: the charge is refunded instead.
    const late = { ...paidSession(placed, 'pi_test_late'), id: 'cs_test_x' };
    await sessionEvent('evt_completed_late', 'checkout.session.completed', late);
    expect((await order(placed.body.orders[0].id)).status).toBe('cancelled');
    await t.drainJobs();
    const refundsOf = (intent: string) => callsTo('/v1/refunds').filter((call) => call.params.get('payment_intent') === intent);
    const [refund, ...more] = refundsOf('pi_test_late');
    expect(more).toHaveLength(0);
    expect(Number(refund!.params.get('amount'))).toBe(placed.body.payment.amount.amount);
    const after = await order(placed.body.orders[0].id);
    expect(after).toMatchObject({ status: 'cancelled', payment: { status: 'expired' }, refunded: placed.body.payment.amount });
    expect(after.history.at(-1)).toMatchObject({ status: 'cancelled', actorRole: 'system', reason: expect.stringMatching(/^Rp\s?[\d.]+ refunded to the card \(re_test_\d+\)$/) });
    const notes = (await t.http().get('/api/v1/notifications').set(bearer(buyer.token))).body.items;
    expect(notes).toContainEqual(
      expect.objectContaining({
        kind: 'order.card_refunded',
        params: expect.objectContaining({ orderId: placed.body.orders[0].id }),
        message: expect.objectContaining({ en: expect.stringContaining('refunded to your card') }),
      }),
    );
    const page = await t.http().get(`/orders/${placed.body.orders[0].id}`).set(bearer(buyer.token));
    expect(page.text).toMatch(/Rp\s?[\d.]+ dikembalikan ke kartu pembayarannya/);

    // Stripe may report the same charge again (another event id): nothing more is refunded.
    await sessionEvent('evt_async_late', 'checkout.session.async_payment_succeeded', late);
    await t.drainJobs();
    expect(refundsOf('pi_test_late')).toHaveLength(1);
  });

  it('closes the Checkout Session when the buyer cancels before paying', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    expect(placed.status).toBe(201);
    const cancelled = await t.http().post(`/api/v1/orders/${placed.body.orders[0].id}/transitions`).set(bearer(buyer.token)).send({ to: 'cancelled', reason: 'ordered the wrong colour' });
    expect(cancelled.status).toBe(200);
    await t.drainJobs();
    expect(callsTo(`/v1/checkout/sessions/${sessionOf(placed)}/expire`)).toHaveLength(1);
    expect(await order(placed.body.orders[0].id)).toMatchObject({ status: 'cancelled', payment: { status: 'expired' } });
  });

  it('charges for the orders still open, and refunds to the card each order its seller cancels, before or after payment', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    await addToCart(t, buyer.token, mask.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    expect(placed.status).toBe(201);
    const orders: Array<{ id: string; sellerId: string; total: { amount: number } }> = placed.body.orders;
    const fromA = orders.find((o) => o.sellerId === a.sellerId)!;
    const fromB = orders.find((o) => o.sellerId === b.sellerId)!;
    const sellerCancels = await t.http().post(`/api/v1/orders/${fromA.id}/transitions`).set(bearer(a.owner.token)).send({ to: 'cancelled', reason: 'out of bamboo' });
    expect(sellerCancels.status).toBe(200);
    await t.drainJobs();
    // The other order still awaits payment, so the session stays open.
    expect(callsTo(`/v1/checkout/sessions/${sessionOf(placed)}/expire`)).toHaveLength(0);

    const refundsBefore = callsTo('/v1/refunds').length;
    await sessionEvent('evt_completed_partial', 'checkout.session.completed', paidSession(placed, 'pi_test_partial'));
    await t.drainJobs();
    const paidB = await order(fromB.id);
    expect(paidB).toMatchObject({ status: 'paid', payment: { status: 'paid' } });
    expect(paidB.refunded).toBeUndefined();
    expect(await order(fromA.id)).toMatchObject({ status: 'cancelled', refunded: fromA.total });
    const refunds = callsTo('/v1/refunds').slice(refundsBefore);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.params.get('payment_intent')).toBe('pi_test_partial');
    expect(Number(refunds[0]!.params.get('amount'))).toBe(fromA.total.amount);

    // The platform holds card payments: when the other seller cancels its paid order, that goes back too.
    const sellerPage = await t.http().get(`/orders/${fromB.id}?as=seller`).set(bearer(b.owner.token));
    expect(sellerPage.text).toMatch(/Rp\s?[\d.]+ otomatis dikembalikan ke kartu pembeli\./);
    const before = await stockOf(t, mask.id);
    const cancelsPaid = await t.http().post(`/api/v1/orders/${fromB.id}/transitions`).set(bearer(b.owner.token)).send({ to: 'cancelled', reason: 'kiln broke' });
    expect(cancelsPaid.status).toBe(200);
    await t.drainJobs();
    const second = callsTo('/v1/refunds').slice(refundsBefore + 1);
    expect(second).toHaveLength(1);
    expect(Number(second[0]!.params.get('amount'))).toBe(fromB.total.amount);
    expect(second[0]!.headers['idempotency-key']).not.toBe(refunds[0]!.headers['idempotency-key']);
    expect(await order(fromB.id)).toMatchObject({ status: 'cancelled', refunded: fromB.total, payment: { status: 'refunded' } });
    expect(await order(fromA.id)).toMatchObject({ refunded: fromA.total });
    expect(await stockOf(t, mask.id)).toBe(before + 1);
  });

  it('queues a refund again, hourly, after its job ran out of attempts while Stripe was down', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    const [{ id, total }] = placed.body.orders;
    await sessionEvent('evt_completed_retry', 'checkout.session.completed', paidSession(placed, 'pi_test_retry'));
    stripe.state.refundsDown = true;
    expect((await t.http().post(`/api/v1/orders/${id}/transitions`).set(bearer(a.owner.token)).send({ to: 'cancelled', reason: 'no stock' })).status).toBe(200);
    await t.drainJobs();
    expect((await order(id)).refunded).toBeUndefined();
    // Its attempts are used up; Stripe comes back.
    await t.db.query(
      `SELECT graphile_worker.permanently_fail_jobs(array(SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'payments.stripe-refund-cancelled' AND locked_at IS NULL), 'attempts used up (test)')`,
    );
    stripe.state.refundsDown = false;
    const sweep = t.app.get(StripePaymentJobs);
    expect(await sweep.requeueOwedRefunds()).toBe(0); // cancelled just now: its own job may still be at it
    await t.db.query(`UPDATE orders SET updated_at = now() - interval '2 hours' WHERE id = $1`, [id]);
    expect(await sweep.requeueOwedRefunds()).toBe(1);
    await t.drainJobs();
    expect(await order(id)).toMatchObject({ status: 'cancelled', refunded: total });
    expect(await sweep.requeueOwedRefunds()).toBe(0);
  });

  it('does not take a charge of another amount as the payment', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    const short = { ...paidSession(placed, 'pi_test_short'), amount_total: placed.body.payment.amount.amount - 100 };
    expect((await sessionEvent('evt_completed_short', 'checkout.session.completed', short)).status).toBe(200);
    const view = await order(placed.body.orders[0].id);
    expect(view).toMatchObject({ status: 'pending_payment', payment: { status: 'pending' } });
    expect(view.history.at(-1)).toMatchObject({ actorRole: 'system', reason: expect.stringContaining('not accepted as paid') });
    const inUsd = { ...paidSession(placed, 'pi_test_short'), currency: 'usd' };
    await sessionEvent('evt_completed_usd', 'checkout.session.completed', inUsd);
    expect((await order(placed.body.orders[0].id)).status).toBe('pending_payment');
  });

  it('commits the orders before calling Stripe, and gives stock and cart back when Stripe refuses', async () => {
    await addToCart(t, buyer.token, mask.id, 1);
    const before = await stockOf(t, mask.id);
    stripe.state.sessionsDown = true;
    const refused = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    stripe.state.sessionsDown = false;
    expect(refused.status).toBe(502);
    expect(refused.body.detail).toContain('nothing was ordered');
    expect(await stockOf(t, mask.id)).toBe(before);
    const cart = await t.http().get('/api/v1/cart').set(bearer(buyer.token));
    expect(cart.body.items).toEqual([expect.objectContaining({ productId: mask.id, quantity: 1 })]);
    // The buyer tries again once Stripe answers: the order goes through.
    const retried = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    expect(retried.status).toBe(201);
    expect(await stockOf(t, mask.id)).toBe(before - 1);
  });

  it('refunds a payment once when two cancellations overlap', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    await addToCart(t, buyer.token, mask.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    await sessionEvent('evt_completed_overlap', 'checkout.session.completed', paidSession(placed, 'pi_test_overlap'));
    const orders: Array<{ id: string; sellerId: string; total: { amount: number } }> = placed.body.orders;
    const fromA = orders.find((o) => o.sellerId === a.sellerId)!;
    const fromB = orders.find((o) => o.sellerId === b.sellerId)!;
    expect((await t.http().post(`/api/v1/orders/${fromA.id}/transitions`).set(bearer(a.owner.token)).send({ to: 'cancelled', reason: 'no stock' })).status).toBe(200);
    expect((await t.http().post(`/api/v1/orders/${fromB.id}/transitions`).set(bearer(b.owner.token)).send({ to: 'cancelled', reason: 'no stock' })).status).toBe(200);
    // Their two refund jobs run at the same moment (worker off: nothing else runs them).
    const jobs = t.app.get(StripePaymentJobs);
    await Promise.all([jobs.refundCancelledOrders({ paymentId: placed.body.payment.id }), jobs.refundCancelledOrders({ paymentId: placed.body.payment.id })]);
    const refunds = callsTo('/v1/refunds').filter((call) => call.params.get('payment_intent') === 'pi_test_overlap');
    expect(refunds.map((call) => Number(call.params.get('amount'))).reduce((x, y) => x + y, 0)).toBe(fromA.total.amount + fromB.total.amount);
    expect(await order(fromA.id)).toMatchObject({ refunded: fromA.total });
    expect(await order(fromB.id)).toMatchObject({ refunded: fromB.total });
  });
});
