import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { OrderAutocomplete } from '#libs/commerce';
import { LedgerService, PayoutsService, platformAccount, sellerAccount, SettlementKeys } from '#libs/ledger';
import { SellersService } from '#libs/sellers';
import { verifyEmail } from './support/accounts.js';
import { addToCart, adminToken, checkout, createSeller } from './support/commerce.js';
import { bearer, createSecondProcess, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/**
 * Two web processes on one database and one search index, as behind a load balancer: what one
 * changes, the other shows on its very next request (each keeps its own page cache, told of every
 * change by PostgreSQL's notices), and money moved from both at once moves once.
 */
describe('several web processes', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ worker: false });
    b = await createSecondProcess(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a storefront changed through one process shows on the next request to the other, which had it cached', async () => {
    const seller = await createSeller(a, 'Tenun Dua Proses');
    const product = await seller.product({ title: { id: 'Kain endek biru', en: 'Blue endek cloth' } });
    expect((await a.http().post(`/api/v1/sellers/${seller.sellerId}/storefront/publish`).set(bearer(seller.owner.token))).status).toBe(200);
    const [{ slug }] = await a.db.query(`SELECT slug FROM sellers WHERE id = $1`, [seller.sellerId]);
    const page = () => b.http().get(`/s/${slug}`).set('Accept', 'text/html');

    expect((await page()).text).toContain('Kain endek biru');
    const cached = await page(); // the second visit is sent from the second process's memory
    expect([cached.status, cached.text.includes('Kain endek biru')]).toEqual([200, true]);

    const renamed = await a
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(bearer(seller.owner.token))
      .send({ title: { id: 'Kain endek merah', en: 'Red endek cloth' } });
    expect(renamed.status).toBe(200);
    const after = await page();
    expect(after.text).toContain('Kain endek merah');
    expect(after.text).not.toContain('Kain endek biru');

    await a.db.transaction((manager) => a.app.get(SellersService).setSuspension(manager, seller.sellerId, 'Pemeriksaan dokumen'));
    expect((await page()).status).toBe(404);
  });

  it('pays a seller once when both processes run payouts at the same moment', async () => {
    const seller = await createSeller(a, 'Perak Dua Proses');
    await verifyEmail(a, seller.owner.user.id);
    const account = await a
      .http()
      .put(`/api/v1/sellers/${seller.sellerId}/payout-account`)
      .set(bearer(seller.owner.token))
      .send({ bankCode: 'BPD_BALI', accountNumber: `04${randomBytes(4).readUInt32BE(0)}`.slice(0, 12), accountHolderName: 'Made Perak' });
    expect(account.status).toBe(200);
    const amount = 250_000_00;
    await a.db.transaction((manager) =>
      a.app.get(LedgerService).post(manager, {
        key: `test:fund:${randomUUID()}`,
        kind: 'adjustment',
        description: 'a completed order’s money, for this test',
        entries: [
          { account: platformAccount('clearing', 'bank_transfer'), amount, type: 'adjustment' },
          { account: sellerAccount(seller.sellerId, 'available'), amount: -amount, type: 'adjustment' },
        ],
      }),
    );

    const runs = await Promise.all([a.app.get(PayoutsService).run({ requestedBy: null }), b.app.get(PayoutsService).run({ requestedBy: null })]);
    const paid = runs.flatMap((run) => run.payouts).filter((p) => p.sellerId === seller.sellerId);
    expect(paid.map((p) => p.amount.amount)).toEqual([amount]);
    const balance = await b.http().get(`/api/v1/sellers/${seller.sellerId}/balance`).set(bearer(seller.owner.token));
    expect(balance.body).toMatchObject({ available: { amount: 0 }, inTransit: { amount } });
    expect((await a.app.get(LedgerService).trialBalance()).total).toEqual({ amount: 0, currency: 'IDR' });
  });

  it('runs each queued job once and completes a due order once when both processes work and sweep at the same moment', async () => {
    const seller = await createSeller(a, 'Anyaman Dua Proses');
    const basket = await seller.product({ stock: 5 });
    const buyer = await registerUser(a, 'buyer', 'Pembeli Dua Proses');
    expect((await addToCart(a, buyer.token, basket.id, 1)).status).toBe(201);
    const orderId = (await checkout(a, buyer.token, {})).body.orders[0].id as string;
    const move = (token: string, to: string) => a.http().post(`/api/v1/orders/${orderId}/transitions`).set(bearer(token)).send({ to, trackingNumber: 'JNE42' });
    for (const [token, to] of [
      [await adminToken(a), 'paid'],
      [seller.owner.token, 'processing'],
      [seller.owner.token, 'shipped'],
      [buyer.token, 'delivered'],
    ] as const)
      expect((await move(token, to)).status).toBe(200);
    // Both workers take jobs from the one queue at once: each move notifies once.
    await Promise.all([a.drainJobs(), b.drainJobs()]);
    const notes = await a.http().get('/api/v1/notifications').set(bearer(seller.owner.token));
    expect(notes.body.items.filter((n: { kind: string }) => n.kind === 'order.pending_payment')).toHaveLength(1);

    await a.db.query(`UPDATE order_events SET at = at - interval '4 days' WHERE order_id = $1`, [orderId]);
    const sweeps = await Promise.all([a.app.get(OrderAutocomplete).sweep(), b.app.get(OrderAutocomplete).sweep()]);
    expect(sweeps.flatMap((sweep) => sweep.completed)).toEqual([orderId]);
    await Promise.all([a.drainJobs(), b.drainJobs()]);
    const order = await b.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token));
    expect(order.body.history.filter((h: { status: string }) => h.status === 'completed')).toHaveLength(1);
    const [{ n }] = await a.db.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE idempotency_key = $1`, [SettlementKeys.completion(orderId)]);
    expect(n).toBe(1);
  });
});
