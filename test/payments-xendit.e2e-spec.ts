import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { XenditPayments } from '../libs/commerce/src/payments/xendit-payments.service.js';
import { FeeSchedule, LedgerService, platformAccount, sellerAccount } from '#libs/ledger';
import { verifyEmail } from './support/accounts.js';
import { addToCart, checkout, createSeller, stockOf, type Session } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { fakeXendit, sendInvoiceCallback, XENDIT_KEY, XENDIT_TOKEN } from './support/xendit.js';

type Placed = { body: { orders: Array<{ id: string; total: { amount: number }; payBy: string }>; payment: { id: string; reference: string; checkoutUrl: string; amount: { amount: number } } } };

describe('payments: Xendit invoices (QRIS, virtual accounts, e-wallets) and payouts', () => {
  let t: TestApp;
  let xendit: Awaited<ReturnType<typeof fakeXendit>>;
  let admin: Awaited<ReturnType<typeof createStaffUser>>;
  let buyer: Session;
  let a: Awaited<ReturnType<typeof createSeller>>;
  let b: Awaited<ReturnType<typeof createSeller>>;
  let basket: { id: string };
  let mask: { id: string };

  const order = async (id: string, token = buyer.token) => (await t.http().get(`/api/v1/orders/${id}`).set(bearer(token))).body;
  const invoiceCalls = () => xendit.requests.filter((r) => r.method === 'POST' && r.path === '/v2/invoices');
  const invoiceOf = (placed: Placed) => placed.body.payment.checkoutUrl.split('/').pop()!;
  const balance = async (sellerId: string) => (await t.http().get(`/api/v1/sellers/${sellerId}/balance`).set(bearer(admin.token))).body;
  const cart = async () => (await t.http().get('/api/v1/cart').set(bearer(buyer.token))).body;
  const placeOrder = async (product: { id: string }, quantity = 1): Promise<Placed> => {
    expect((await addToCart(t, buyer.token, product.id, quantity)).status).toBe(201);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'xendit' });
    expect(placed.status).toBe(201);
    return placed as Placed;
  };

  beforeAll(async () => {
    xendit = await fakeXendit();
    t = await createTestApp({ worker: false, env: xendit.env });
    admin = await createStaffUser(t, 'admin');
    // No commission: the seller's held money is then exactly what the buyer paid.
    await t.app.get(FeeSchedule).setCommission({ id: admin.user.id } as never, { defaultBps: 0, categoryBps: {} });
    a = await createSeller(t, 'Tenun Sidemen');
    b = await createSeller(t, 'Topeng Mas');
    basket = await a.product({ stock: 6 });
    mask = await b.product({ stock: 6, price: { amount: 50_000_000, currency: 'IDR' } });
    buyer = await registerUser(t, 'buyer', 'Wayan Pembeli');
  });
  afterAll(async () => {
    await t.close();
    await xendit.close();
  });

  let first: Placed;

  it('creates one invoice for all orders of a checkout: whole rupiah, IDR, expiring at payBy, with basic auth', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    first = await placeOrder(mask, 2);
    expect(first.body.orders).toHaveLength(2);
    expect(first.body.payment).toMatchObject({ method: 'xendit', checkoutUrl: expect.stringMatching(new RegExp(`^${xendit.base}/web/invoices/inv_`)) });
    expect(invoiceCalls()).toHaveLength(1);
    const [call] = invoiceCalls();
    expect(call!.headers.authorization).toBe(`Basic ${Buffer.from(`${XENDIT_KEY}:`).toString('base64')}`);
    const total = first.body.payment.amount.amount;
    expect(total).toBe(first.body.orders.reduce((sum, o) => sum + o.total.amount, 0));
    expect(call!.body).toMatchObject({
      external_id: first.body.payment.reference,
      amount: total / 100,
      currency: 'IDR',
      payer_email: buyer.user.email,
      success_redirect_url: expect.stringContaining(`/checkout/done/${first.body.payment.id}`),
      failure_redirect_url: expect.stringContaining(`/checkout/done/${first.body.payment.id}?cancelled=1`),
    });
    const payBy = new Date(first.body.orders[0]!.payBy).getTime();
    const expiresIn = Number(call!.body.invoice_duration) * 1000;
    expect(Math.abs(Date.now() + expiresIn - payBy)).toBeLessThan(60_000);
    expect(await stockOf(t, mask.id)).toBe(4);
  });

  it('refuses a callback with a wrong or missing token (401) and changes nothing', async () => {
    const body = xendit.pay(invoiceOf(first));
    const wrong = await sendInvoiceCallback(t, body, 'not-the-token-of-pasarkerthi-0000000');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    const missing = await t.http().post('/api/v1/payments/xendit/webhook').send(body);
    expect(missing.status).toBe(401);
    expect((await order(first.body.orders[0]!.id)).status).toBe('pending_payment');
  });

  it('marks the orders paid once under duplicate and out-of-order callbacks, and the ledger posts once', async () => {
    const paid = xendit.pay(invoiceOf(first), { fees_paid_amount: 4_500 });
    // SETTLED may even arrive first; PAID, a repeat, and a late EXPIRED change nothing after it.
    for (const status of ['SETTLED', 'PAID', 'PAID', 'EXPIRED']) {
      const response = await sendInvoiceCallback(t, { ...paid, status });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ received: true, applied: true });
    }
    await t.drainJobs();
    for (const { id } of first.body.orders) {
      const view = await order(id);
      expect(view).toMatchObject({ status: 'paid', payment: { method: 'xendit', status: 'paid', paidWith: 'QRIS' } });
      expect(view.payment.invoiceId).toBeUndefined();
      expect(view.history.filter((h: { status: string }) => h.status === 'paid')).toHaveLength(1);
    }
    const [basketOrder, maskOrder] = [...first.body.orders].sort((x, y) => (x.total.amount < y.total.amount ? -1 : 1));
    const held = (await balance(a.sellerId)).held.amount;
    expect(held).toBe(basketOrder!.total.amount);
    expect((await balance(b.sellerId)).held.amount).toBe(maskOrder!.total.amount);

    await sendInvoiceCallback(t, paid);
    await t.drainJobs();
    expect((await balance(a.sellerId)).held.amount).toBe(held);
    // The gateway's fee (Rp 4.500) is borne by the platform: Xendit's clearing account holds what Xendit pays out.
    const trial = (await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(admin.token))).body;
    expect(trial.total.amount).toBe(0);
    const clearing = trial.accounts.find((x: { account: string }) => x.account === platformAccount('clearing', 'xendit'));
    expect(Math.abs(clearing.balance.amount)).toBe(first.body.payment.amount.amount - 450_000);
  });

  it('shows the buyer how they paid, the admin the invoice id, and the seller neither secrets nor invoice ids', async () => {
    const id = first.body.orders[0]!.id;
    const page = await t.http().get(`/orders/${id}`).set(bearer(buyer.token));
    expect(page.text).toContain('Dibayar dengan QRIS');
    const english = await t.http().get(`/orders/${id}?lang=en`).set(bearer(buyer.token));
    expect(english.text).toContain('Paid with QRIS');
    const invoiceId = invoiceOf(first);
    expect(page.text).not.toContain(invoiceId);
    const asAdmin = await order(id, admin.token);
    expect(asAdmin.payment).toMatchObject({ invoiceId, paidAmount: first.body.payment.amount });
    expect((await t.http().get(`/orders/${id}`).set(bearer(admin.token))).text).toContain(invoiceId);
    const sellerToken = [a, b].find((s) => s.sellerId === asAdmin.sellerId)!.owner.token;
    const asSeller = await t.http().get(`/api/v1/orders/${id}`).set(bearer(sellerToken));
    expect(asSeller.status).toBe(200);
    expect(JSON.stringify(asSeller.body)).not.toContain(invoiceId);
    expect(JSON.stringify(asSeller.body)).not.toContain(XENDIT_TOKEN);
    expect((await t.http().get(`/orders/${id}?as=seller`).set(bearer(sellerToken))).text).not.toContain(invoiceId);
  });

  it('records a short payment and does not accept it', async () => {
    const placed = await placeOrder(basket);
    const due = placed.body.payment.amount.amount;
    const short = xendit.pay(invoiceOf(placed), { paid_amount: due / 100 - 10_000, payment_method: 'BANK_TRANSFER', payment_channel: 'BCA' });
    expect((await sendInvoiceCallback(t, short)).status).toBe(200);
    const view = await order(placed.body.orders[0]!.id);
    expect(view.status).toBe('pending_payment');
    expect(view.history.at(-1).reason).toMatch(/^Xendit reported Rp\s?[\d.]+ paid, not the Rp\s?[\d.]+ due: not accepted as paid$/);
    expect((await order(placed.body.orders[0]!.id, admin.token)).payment.paidAmount).toEqual({ amount: due - 1_000_000, currency: 'IDR' });
    // A repeat of the short payment changes nothing more.
    await sendInvoiceCallback(t, short);
    expect((await order(placed.body.orders[0]!.id)).history).toHaveLength(view.history.length);
  });

  let expired: Placed;

  it('cancels and restocks when the invoice expires unpaid', async () => {
    expired = await placeOrder(mask);
    const before = await stockOf(t, mask.id);
    const invoice = xendit.invoices.get(invoiceOf(expired))!;
    const response = await sendInvoiceCallback(t, { ...invoice, status: 'EXPIRED' });
    expect(response.status).toBe(200);
    expect(await order(expired.body.orders[0]!.id)).toMatchObject({ status: 'cancelled', payment: { status: 'expired' } });
    expect(await stockOf(t, mask.id)).toBe(before + 1);
  });

  it('lists a payment that arrives for an order already cancelled as owed back to the buyer', async () => {
    const late = xendit.pay(invoiceOf(expired), { payment_method: 'EWALLET', payment_channel: 'OVO' });
    expect((await sendInvoiceCallback(t, late)).status).toBe(200);
    const id = expired.body.orders[0]!.id;
    const view = await order(id);
    expect(view.status).toBe('cancelled');
    expect(view.history.at(-1).reason).toBe('Payment arrived through Xendit after the order was cancelled: owed back to the buyer');
    const owed = await t.http().get('/api/v1/transfer-refunds').set(bearer(admin.token));
    expect(owed.body.items).toContainEqual(expect.objectContaining({ orderId: id, amount: expired.body.orders[0]!.total, paymentReference: expired.body.payment.reference }));
    // Once an admin sends it back, it leaves the list.
    const sent = await t.http().post(`/api/v1/orders/${id}/transfer-refund`).set(bearer(admin.token)).send({ bankReference: 'TRF-OVO-1' });
    expect(sent.status).toBe(200);
    const after = await t.http().get('/api/v1/transfer-refunds').set(bearer(admin.token));
    expect(after.body.items.map((i: { orderId: string }) => i.orderId)).not.toContain(id);
  });

  it('answers a clear 503 problem when Xendit is down at checkout, and gives stock and cart back', async () => {
    const before = await stockOf(t, basket.id);
    await addToCart(t, buyer.token, basket.id, 2);
    xendit.state.down = true;
    try {
      const placed = await checkout(t, buyer.token, { paymentMethod: 'xendit' });
      expect(placed.status).toBe(503);
      expect(placed.headers['content-type']).toMatch(/problem\+json/);
      expect(placed.body.detail).toMatch(/^Xendit is not answering; nothing was ordered/);
    } finally {
      xendit.state.down = false;
    }
    expect(await stockOf(t, basket.id)).toBe(before);
    expect((await cart()).items).toEqual([expect.objectContaining({ productId: basket.id, quantity: 2 })]);
    const orders = (await t.http().get('/api/v1/orders').set(bearer(buyer.token))).body.items;
    expect(orders.filter((o: { status: string }) => o.status === 'pending_payment')).toHaveLength(1); // the short payment's order only
    await t
      .http()
      .delete(`/api/v1/cart/items/${(await cart()).items[0].id}`)
      .set(bearer(buyer.token));
  });

  it('asks Xendit about an invoice whose callback never came, and applies it', async () => {
    const placed = await placeOrder(basket);
    xendit.pay(invoiceOf(placed), { payment_method: 'BANK_TRANSFER', payment_channel: 'BNI' });
    const sweep = t.app.get(XenditPayments);
    await sweep.sweep();
    // Too recent: the callback may still come.
    expect((await order(placed.body.orders[0]!.id)).status).toBe('pending_payment');
    await t.db.query(`UPDATE payments SET created_at = now() - interval '10 minutes' WHERE id = $1`, [placed.body.payment.id]);
    await sweep.sweep();
    expect(xendit.requests.some((r) => r.method === 'GET' && r.path === `/v2/invoices/${invoiceOf(placed)}`)).toBe(true);
    expect(await order(placed.body.orders[0]!.id)).toMatchObject({ status: 'paid', payment: { paidWith: 'BNI virtual account' } });
    // The callback arriving late after all changes nothing.
    await sendInvoiceCallback(t, xendit.invoices.get(invoiceOf(placed))!);
    expect((await order(placed.body.orders[0]!.id)).history.filter((h: { status: string }) => h.status === 'paid')).toHaveLength(1);
  });

  it('expires the invoice at Xendit when the buyer cancels before paying, so it cannot be paid any more', async () => {
    const placed = await placeOrder(basket);
    const id = placed.body.orders[0]!.id;
    const cancelled = await t.http().post(`/api/v1/orders/${id}/transitions`).set(bearer(buyer.token)).send({ to: 'cancelled', reason: 'salah pilih' });
    expect(cancelled.status).toBe(200);
    await t.drainJobs();
    const invoiceId = invoiceOf(placed);
    expect(xendit.requests.filter((r) => r.method === 'POST' && r.path === `/invoices/${invoiceId}/expire!`)).toHaveLength(1);
    expect(xendit.invoices.get(invoiceId)!.status).toBe('EXPIRED');
    expect(await order(id)).toMatchObject({ status: 'cancelled', payment: { status: 'expired' } });
  });

  describe('payouts through Xendit', () => {
    const fund = (sellerId: string, amount: number) =>
      t.db.transaction((m) =>
        t.app.get(LedgerService).post(m, {
          key: `test:fund:${randomUUID()}`,
          kind: 'adjustment',
          description: 'test balance',
          entries: [
            { account: platformAccount('clearing', 'xendit'), amount, type: 'adjustment' },
            { account: sellerAccount(sellerId, 'available'), amount: -amount, type: 'adjustment' },
          ],
        }),
      );
    const payoutCallback = (body: Record<string, unknown>, token = XENDIT_TOKEN) => t.http().post('/api/v1/payments/xendit/payout-webhook').set('x-callback-token', token).send(body);
    const payoutsOf = async (seller: typeof a) => (await t.http().get(`/api/v1/sellers/${seller.sellerId}/payouts`).set(bearer(seller.owner.token))).body.items;

    it('sends each payout with its id as the idempotency key; the callback marks it paid, or failed with the money back', async () => {
      for (const [seller, bank, number] of [
        [a, 'BCA', '1234567890'],
        [b, 'BPD_BALI', '0300201234'],
      ] as const) {
        await verifyEmail(t, seller.owner.user.id);
        const set = await t
          .http()
          .put(`/api/v1/sellers/${seller.sellerId}/payout-account`)
          .set(bearer(seller.owner.token))
          .send({ bankCode: bank, accountNumber: number, accountHolderName: 'Ni Luh Sari' });
        expect(set.status).toBe(200);
        await fund(seller.sellerId, 10_000_000);
      }
      const run = await t.http().post('/api/v1/admin/payouts/run').set(bearer(admin.token));
      expect(run.status).toBe(201);
      expect(run.body.payouts).toHaveLength(2);
      await t.drainJobs();

      const calls = xendit.requests.filter((r) => r.method === 'POST' && r.path === '/v2/payouts');
      expect(calls).toHaveLength(2);
      const toA = run.body.payouts.find((p: { sellerId: string }) => p.sellerId === a.sellerId);
      const toB = run.body.payouts.find((p: { sellerId: string }) => p.sellerId === b.sellerId);
      const callA = calls.find((c) => c.body.reference_id === toA.id)!;
      expect(callA.headers['idempotency-key']).toBe(toA.id);
      expect(callA.headers.authorization).toBe(`Basic ${Buffer.from(`${XENDIT_KEY}:`).toString('base64')}`);
      expect(callA.body).toMatchObject({
        reference_id: toA.id,
        channel_code: 'ID_BCA',
        channel_properties: { account_number: '1234567890', account_holder_name: 'Ni Luh Sari' },
        amount: toA.amount.amount / 100,
        currency: 'IDR',
      });
      expect(calls.find((c) => c.body.reference_id === toB.id)!.body.channel_code).toBe('ID_BALI');
      expect((await payoutsOf(a))[0]).toMatchObject({ id: toA.id, status: 'sent' });
      expect((await t.http().get(`/api/v1/admin/payouts/batches/${run.body.batchId}/transfers.csv`).set(bearer(admin.token))).status).toBe(409);

      const forged = await payoutCallback({ event: 'payout.succeeded', data: { id: 'disb_x', reference_id: toA.id, status: 'SUCCEEDED' } }, 'wrong-token-0000000000000000000000');
      expect(forged.status).toBe(401);
      expect((await payoutsOf(a))[0].status).toBe('sent');

      for (let i = 0; i < 2; i++) {
        const ok = await payoutCallback({ event: 'payout.succeeded', data: { id: 'disb_a', reference_id: toA.id, status: 'SUCCEEDED' } });
        expect(ok.status).toBe(200);
      }
      expect((await payoutsOf(a))[0]).toMatchObject({ status: 'paid', bankReference: 'disb_a' });
      expect((await balance(a.sellerId)).paidOut.amount).toBe(toA.amount.amount);

      const availableBefore = (await balance(b.sellerId)).available.amount;
      const failed = await payoutCallback({ event: 'payout.failed', data: { id: 'disb_b', reference_id: toB.id, status: 'FAILED', failure_code: 'INVALID_DESTINATION' } });
      expect(failed.status).toBe(200);
      expect((await payoutsOf(b))[0]).toMatchObject({ status: 'failed', failureReason: 'Xendit: INVALID_DESTINATION' });
      expect((await balance(b.sellerId)).available.amount).toBe(availableBefore + toB.amount.amount);
      // A success reported after the failure changes nothing.
      await payoutCallback({ event: 'payout.succeeded', data: { id: 'disb_b', reference_id: toB.id, status: 'SUCCEEDED' } });
      expect((await payoutsOf(b))[0].status).toBe('failed');
      expect((await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(admin.token))).body.total.amount).toBe(0);
    });
  });
});

describe('payments: Xendit not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('answers 422 naming paymentMethod, does not offer it, and refuses callbacks', async () => {
    const seller = await createSeller(t, 'Ukir Mas');
    const product = await seller.product();
    const buyer = await registerUser(t, 'buyer', 'Made Pembeli');
    await addToCart(t, buyer.token, product.id, 1);
    const placed = await checkout(t, buyer.token, { paymentMethod: 'xendit' });
    expect(placed.status).toBe(422);
    expect(placed.body.errors).toContainEqual(expect.objectContaining({ field: 'paymentMethod' }));
    expect((await stockOf(t, product.id)).valueOf()).toBe(5);
    const page = await t.http().get('/checkout').set(bearer(buyer.token));
    expect(page.text).not.toContain('value="xendit"');
    const callback = await t.http().post('/api/v1/payments/xendit/webhook').set('x-callback-token', XENDIT_TOKEN).send({ id: 'inv_1', external_id: 'PK-1', status: 'PAID' });
    expect(callback.status).toBe(401);
  });
});
