import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OrderAutocomplete } from '#libs/commerce';
import { DisputesService } from '#libs/disputes';
import { FeeSchedule, LedgerService } from '#libs/ledger';
import { loadConfig } from '#libs/platform';
import sharp from 'sharp';
import supertest from 'supertest';
import { addToCart, adminToken, checkout, createSeller } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/**
 * Disputes (komplain) on real PostgreSQL: who may open one and when, an open dispute blocking
 * completion (the buyer's and the automatic one), each outcome's effect on the order and the
 * ledger, the silent seller's automatic acceptance, and who sees what.
 */
describe('disputes', () => {
  let t: TestApp;
  let admin: string;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let buyer: Awaited<ReturnType<typeof registerUser>>;
  let ledger: LedgerService;

  const move = async (orderId: string, to: string, token: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(token))
      .send({ to, ...extra });

  /** A paid order moved to `until` (shipped or delivered), its payment posted in the ledger. */
  const order = async (until: 'paid' | 'shipped' | 'delivered' = 'delivered', who = buyer) => {
    const product = await seller.product({ stock: 3 });
    expect((await addToCart(t, who.token, product.id, 1)).status).toBe(201);
    const done = await checkout(t, who.token);
    expect(done.status).toBe(201);
    const id = done.body.orders[0].id as string;
    expect((await move(id, 'paid', admin)).status).toBe(200);
    if (until !== 'paid') {
      expect((await move(id, 'processing', seller.owner.token)).status).toBe(200);
      expect((await move(id, 'shipped', seller.owner.token, { trackingNumber: 'JNE123' })).status).toBe(200);
    }
    if (until === 'delivered') expect((await move(id, 'delivered', who.token)).status).toBe(200);
    await t.drainJobs();
    return { id, total: done.body.orders[0].total.amount as number };
  };
  const open = (orderId: string, body: Record<string, unknown> = {}, token = buyer.token) =>
    t
      .http()
      .post(`/api/v1/orders/${orderId}/disputes`)
      .set(bearer(token))
      .send({ reason: 'damaged', description: 'Kain sobek di tepi.', requested: 'refund', ...body });
  const status = async (orderId: string) => (await t.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId]))[0].status as string;
  const balance = async () => {
    const b = await ledger.balances('seller', seller.sellerId);
    return { held: b.held.amount, available: b.available.amount, owed: b.owed.amount };
  };
  const trialBalanceZero = async () => {
    const trial = await t.http().get('/api/v1/admin/ledger/trial-balance').set(bearer(admin));
    expect(trial.status).toBe(200);
    expect(trial.body.total.amount).toBe(0);
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    admin = await adminToken(t);
    ledger = t.app.get(LedgerService);
    const adminUser = (await t.db.query(`SELECT id FROM users WHERE 'admin' = ANY(roles) LIMIT 1`))[0];
    await t.app.get(FeeSchedule).setCommission({ id: adminUser.id, roles: ['admin'] } as never, { defaultBps: 500, categoryBps: {} });
    seller = await createSeller(t, 'Tenun Gianyar');
    buyer = await registerUser(t, 'buyer', 'Pembeli');
  });
  afterAll(() => t.close());

  it('is opened by the buyer of a shipped or delivered order within the window, once', async () => {
    const paid = await order('paid');
    expect((await open(paid.id)).status).toBe(409);
    const stranger = await registerUser(t);
    const delivered = await order();
    expect((await open(delivered.id, {}, stranger.token)).status).toBe(404);
    expect((await open(delivered.id, {}, seller.owner.token)).status).toBe(404);
    expect((await open(randomUUID())).status).toBe(404);
    expect((await open(delivered.id, { reason: 'meh' })).status).toBe(422);
    expect((await open(delivered.id, { requested: 'partial_refund' })).body.errors?.[0]?.field ?? 'amount').toBe('amount');
    expect((await open(delivered.id, { photoIds: [randomUUID()] })).status).toBe(422);
    expect((await open(delivered.id, { photoIds: [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()] })).status).toBe(422);

    // Outside the window: delivered more than DISPUTE_WINDOW_HOURS ago.
    const late = await order();
    await t.db.query(`UPDATE order_events SET at = now() - interval '49 hours' WHERE order_id = $1 AND status = 'delivered'`, [late.id]);
    expect((await open(late.id)).status).toBe(422);

    const created = await open(delivered.id);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'open' });
    const due = new Date(created.body.sellerDueAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(3 * 86_400_000 - 60_000);
    expect(due).toBeLessThanOrEqual(3 * 86_400_000);
    expect((await open(delivered.id)).status).toBe(409);

    // A shipped order (not received) may be disputed too.
    const shipped = await order('shipped');
    expect((await open(shipped.id, { reason: 'not_received' })).status).toBe(201);
  });

  it('keeps up to 4 photos the buyer uploaded, and refuses a bad DISPUTE_WINDOW_HOURS at start', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 180, g: 60, b: 20 } } })
      .png()
      .toBuffer();
    const stranger = await registerUser(t);
    expect((await t.http().post('/api/v1/dispute-photos').set(bearer(stranger.token)).attach('file', png, 'a.png')).status).toBe(403);
    const o = await order();
    const photo = await t.http().post('/api/v1/dispute-photos').set(bearer(buyer.token)).attach('file', png, 'a.png');
    expect(photo.status).toBe(201);
    const d = await open(o.id, { photoIds: [photo.body.id] });
    expect(d.status).toBe(201);
    const view = await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(seller.owner.token));
    expect(view.body.photos).toEqual([expect.objectContaining({ id: photo.body.id, url: expect.any(String) })]);
    expect(await t.db.query(`SELECT media_id FROM disputes_photos_v WHERE dispute_id = $1`, [d.body.id])).toEqual([{ media_id: photo.body.id }]);

    expect(loadConfig({ DISPUTE_WINDOW_HOURS: '72' }).disputeWindowHours).toBe(72);
    expect(loadConfig({}).disputeWindowHours).toBe(48);
    expect(() => loadConfig({ DISPUTE_WINDOW_HOURS: 'soon' })).toThrow(/DISPUTE_WINDOW_HOURS/);
    expect(() => loadConfig({ DISPUTE_WINDOW_HOURS: '0' })).toThrow(/DISPUTE_WINDOW_HOURS/);
  });

  it('blocks completion while open: the buyer gets 409, the automatic sweep skips the order', async () => {
    const o = await order();
    const d = await open(o.id);
    expect(d.status).toBe(201);
    const complete = await move(o.id, 'completed', buyer.token);
    expect(complete.status).toBe(409);
    expect(complete.body.detail).toMatch(/open dispute/);
    expect(await status(o.id)).toBe('delivered');

    await t.db.query(`UPDATE order_events SET at = now() - interval '30 days' WHERE order_id = $1 AND status = 'delivered'`, [o.id]);
    const sweep = await t.app.get(OrderAutocomplete).sweep();
    expect(sweep.completed).not.toContain(o.id);
    expect(sweep.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ orderId: o.id, status: 409 })]));
    expect(await status(o.id)).toBe('delivered');
  });

  it('seller accepts a refund: the order is refunded, the ledger refund posted, the trial balance zero', async () => {
    const o = await order();
    const before = await balance();
    const d = await open(o.id);
    const buyerTry = await t.http().post(`/api/v1/disputes/${d.body.id}/response`).set(bearer(buyer.token)).send({ action: 'accept', message: 'x' });
    expect(buyerTry.status).toBe(403);
    const accepted = await t.http().post(`/api/v1/disputes/${d.body.id}/response`).set(bearer(seller.owner.token)).send({ action: 'accept', message: 'Maaf, kami kembalikan dananya.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'resolved', outcome: 'refund', outcomeAmount: { amount: o.total } });
    expect(await status(o.id)).toBe('refunded');
    await t.drainJobs();
    const after = await balance();
    expect(after.held).toBeLessThan(before.held);
    const [refund] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'refund' AND reference_id = $1`, [o.id]);
    expect(refund.n).toBe(1);
    await trialBalanceZero();
    // Resolved: a second answer is refused.
    expect((await t.http().post(`/api/v1/disputes/${d.body.id}/response`).set(bearer(seller.owner.token)).send({ action: 'reject', message: 'x' })).status).toBe(409);
  });

  it('offer → escalate → a curator of another regency 403, the one in scope decides a partial refund of exactly that amount', async () => {
    const o = await order();
    const d = await open(o.id, { requested: 'partial_refund', amount: { amount: 5_000_000, currency: 'IDR' } });
    expect(d.status).toBe(201);
    // Escalating before the seller answers is refused.
    expect((await t.http().post(`/api/v1/disputes/${d.body.id}/escalate`).set(bearer(buyer.token)).send({})).status).toBe(409);
    const offered = await t
      .http()
      .post(`/api/v1/disputes/${d.body.id}/response`)
      .set(bearer(seller.owner.token))
      .send({ action: 'offer', amount: { amount: 2_000_000, currency: 'IDR' }, message: 'Kami tawarkan Rp 20.000.' });
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({ status: 'offered', offered: { amount: 2_000_000 } });
    expect((await t.http().post(`/api/v1/disputes/${d.body.id}/escalate`).set(bearer(seller.owner.token)).send({})).status).toBe(403);
    const escalated = await t.http().post(`/api/v1/disputes/${d.body.id}/escalate`).set(bearer(buyer.token)).send({ message: 'Terlalu sedikit.' });
    expect(escalated.status).toBe(200);
    expect(escalated.body.status).toBe('escalated');

    const badung = await createStaffUser(t, 'curator', { regency: 'badung' });
    const gianyar = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const decision = { outcome: 'partial_refund', amount: { amount: 3_000_000, currency: 'IDR' }, reason: 'Foto menunjukkan kerusakan kecil.' };
    expect((await t.http().post(`/api/v1/disputes/${d.body.id}/decision`).set(bearer(badung.token)).send(decision)).status).toBe(403);
    expect((await t.http().post(`/api/v1/disputes/${d.body.id}/decision`).set(bearer(buyer.token)).send(decision)).status).toBe(403);
    expect(
      (
        await t
          .http()
          .post(`/api/v1/disputes/${d.body.id}/decision`)
          .set(bearer(gianyar.token))
          .send({ ...decision, amount: undefined })
      ).status,
    ).toBe(422);

    const before = await balance();
    const decided = await t.http().post(`/api/v1/disputes/${d.body.id}/decision`).set(bearer(gianyar.token)).send(decision);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'resolved', outcome: 'partial_refund', outcomeAmount: { amount: 3_000_000 } });
    const after = await balance();
    // The seller gives back its share of the refund (the platform its commission share): 95 % of it.
    const sellerShare = before.held - after.held;
    expect(sellerShare).toBeGreaterThan(0);
    expect(sellerShare).toBeLessThanOrEqual(3_000_000);
    const [posting] = await t.db.query(
      `SELECT sum(e.amount) FILTER (WHERE a.code LIKE 'seller:%')::bigint::text AS seller, sum(e.amount) FILTER (WHERE a.code = 'platform:commission')::bigint::text AS commission
       FROM ledger_entries e JOIN ledger_transactions tr ON tr.id = e.transaction_id JOIN ledger_accounts a ON a.id = e.account_id WHERE tr.idempotency_key = $1`,
      [`order:${o.id}:refund:dispute:${d.body.id}`],
    );
    // Exactly the decided amount leaves the seller and the platform's commission, the seller's part out of its held money.
    expect(Number(posting.seller)).toBe(sellerShare);
    expect(Number(posting.seller) + Number(posting.commission)).toBe(3_000_000);
    const [{ refunded }] = await t.db.query(
      `SELECT (-sum(e.amount))::text AS refunded FROM ledger_entries e JOIN ledger_transactions tr ON tr.id = e.transaction_id JOIN ledger_accounts a ON a.id = e.account_id
       WHERE tr.idempotency_key = $1 AND a.code = 'platform:refunds_payable'`,
      [`order:${o.id}:refund:dispute:${d.body.id}`],
    );
    expect(Number(refunded)).toBe(3_000_000);
    const [audit] = await t.db.query(`SELECT action, regency, reason FROM audit_log WHERE subject_id = $1`, [d.body.id]);
    expect(audit).toMatchObject({ action: 'dispute.partial_refund', regency: 'gianyar' });
    const history = await t.http().get(`/api/v1/orders/${o.id}`).set(bearer(buyer.token));
    expect(history.body.history.some((h: { reason?: string }) => /refunded to the buyer/.test(h.reason ?? ''))).toBe(true);
    await trialBalanceZero();

    // Commerce owes that part back (the transfers-owed list), so a later dispute on the order is
    // allowed: its refund would give back only what is left.
    const [part] = await t.db.query(`SELECT amount::int AS amount, status FROM order_refunds WHERE idempotency_key = $1`, [`dispute:${d.body.id}`]);
    expect(part).toEqual({ amount: 3_000_000, status: 'owed' });
    expect(await t.app.get(DisputesService).canOpen({ ...buyer.user, regency: null } as never, o.id)).toEqual({ ok: true });
    // Resolved: the order may complete, and completion releases what is still held.
    expect((await move(o.id, 'completed', buyer.token)).status).toBe(200);
    await t.drainJobs();
    await trialBalanceZero();
  });

  it('release: the dispute closes and the order can complete; the buyer may accept an offer', async () => {
    const o = await order();
    const d = await open(o.id);
    await t.http().post(`/api/v1/disputes/${d.body.id}/response`).set(bearer(seller.owner.token)).send({ action: 'reject', message: 'Barang dikirim dalam keadaan baik.' });
    await t.http().post(`/api/v1/disputes/${d.body.id}/escalate`).set(bearer(buyer.token)).send({});
    const admin2 = await createStaffUser(t, 'admin');
    const decided = await t.http().post(`/api/v1/disputes/${d.body.id}/decision`).set(bearer(admin2.token)).send({ outcome: 'release', reason: 'Tidak ada bukti kerusakan.' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'resolved', outcome: 'release' });
    expect((await move(o.id, 'completed', buyer.token)).status).toBe(200);

    const o2 = await order();
    const d2 = await open(o2.id);
    await t
      .http()
      .post(`/api/v1/disputes/${d2.body.id}/response`)
      .set(bearer(seller.owner.token))
      .send({ action: 'offer', amount: { amount: 1_000_000, currency: 'IDR' }, message: 'Rp 10.000?' });
    const took = await t.http().post(`/api/v1/disputes/${d2.body.id}/accept-offer`).set(bearer(buyer.token)).send({});
    expect(took.status).toBe(200);
    expect(took.body).toMatchObject({ status: 'resolved', outcome: 'partial_refund', outcomeAmount: { amount: 1_000_000 } });
    expect((await move(o2.id, 'completed', buyer.token)).status).toBe(200);
    await t.drainJobs();
    await trialBalanceZero();
  });

  it('a silent seller: the sweep accepts the dispute once sellerDueAt has passed', async () => {
    const o = await order();
    const d = await open(o.id);
    const disputes = t.app.get(DisputesService);
    expect(await disputes.acceptOverdue()).toBe(0);
    await t.db.query(`UPDATE disputes SET seller_due_at = now() - interval '1 minute' WHERE id = $1`, [d.body.id]);
    expect(await disputes.acceptOverdue()).toBe(1);
    expect(await status(o.id)).toBe('refunded');
    const view = await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(buyer.token));
    expect(view.body).toMatchObject({ status: 'resolved', outcome: 'refund' });
    expect(view.body.thread.map((m: { action: string }) => m.action)).toEqual(['opened', 'auto_accept']);
    expect(await disputes.acceptOverdue()).toBe(0);
    await t.drainJobs();
    await trialBalanceZero();
  });

  it('shows the thread to the parties and staff in scope, and lists each one’s disputes; everyone else 404', async () => {
    const o = await order();
    const d = await open(o.id);
    await t.http().post(`/api/v1/disputes/${d.body.id}/response`).set(bearer(seller.owner.token)).send({ action: 'reject', message: 'Tidak rusak.' });
    const view = await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(buyer.token));
    expect(view.status).toBe(200);
    expect(view.body.thread).toEqual([
      expect.objectContaining({ action: 'opened', role: 'buyer', authorId: buyer.user.id, authorName: 'Pembeli', message: 'Kain sobek di tepi.', at: expect.any(String) }),
      expect.objectContaining({ action: 'reject', role: 'seller', authorId: seller.owner.user.id, message: 'Tidak rusak.' }),
    ]);
    expect(view.body.actions).toEqual(['escalate']);
    expect((await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(seller.owner.token))).body.actions).toEqual([]);
    const gianyar = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const badung = await createStaffUser(t, 'curator', { regency: 'badung' });
    const stranger = await registerUser(t);
    expect((await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(gianyar.token))).status).toBe(200);
    expect((await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(badung.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/disputes/${d.body.id}`).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/disputes/${d.body.id}`)).status).toBe(401);

    const mine = await t.http().get('/api/v1/disputes?perPage=100').set(bearer(buyer.token));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ page: 1, perPage: 100 });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(d.body.id);
    expect(mine.body.total).toBe(mine.body.items.length);
    const sellers = await t.http().get('/api/v1/disputes?perPage=100').set(bearer(seller.owner.token));
    expect(sellers.body.total).toBe(mine.body.total);
    expect((await t.http().get('/api/v1/disputes?perPage=100').set(bearer(gianyar.token))).body.total).toBe(mine.body.total);
    expect((await t.http().get('/api/v1/disputes').set(bearer(badung.token))).body.total).toBe(0);
    expect((await t.http().get('/api/v1/disputes').set(bearer(stranger.token))).body.total).toBe(0);
    expect((await t.http().get('/api/v1/disputes?status=escalated').set(bearer(buyer.token))).body.total).toBe(0);
  });

  it('serves the pages: the order page links the form, the dispute page shows the thread, the staff queue', async () => {
    const o = await order();
    const page = await t.http().get(`/orders/${o.id}`).set(bearer(buyer.token));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/orders/${o.id}/dispute`);
    const form = await t.http().get(`/orders/${o.id}/dispute?lang=en`).set(bearer(buyer.token));
    expect(form.status).toBe(200);
    expect(form.text).toContain('Open a dispute');
    const d = await open(o.id);
    const disputePage = await t.http().get(`/disputes/${d.body.id}`).set(bearer(seller.owner.token));
    expect(disputePage.status).toBe(200);
    expect(disputePage.text).toContain(`/disputes/${d.body.id}/response`);
    expect(disputePage.text).toContain('Kain sobek di tepi.');
    const follow = await t.http().get(`/orders/${o.id}/dispute`).set(bearer(seller.owner.token));
    expect(follow.status).toBe(303);
    expect(follow.headers.location).toBe(`/disputes/${d.body.id}`);
    expect(
      (
        await t
          .http()
          .get(`/orders/${o.id}/dispute`)
          .set(bearer((await registerUser(t)).token))
      ).status,
    ).toBe(404);
    const mine = await t.http().get('/disputes?lang=en').set(bearer(seller.owner.token));
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('My disputes');
    expect(mine.text).toContain(`/disputes/${d.body.id}`);
    const queue = await t.http().get('/dashboard/disputes?status=open').set(bearer(admin));
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`/disputes/${d.body.id}`);
    expect((await t.http().get('/dashboard/disputes').set(bearer(buyer.token))).status).toBe(403);
  });

  it('works without JavaScript: the buyer opens through the form, the seller offers, the buyer accepts', async () => {
    const o = await order();
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const signIn = async (who: { email: string; password: string }) => {
      const agent = supertest.agent(t.app.getHttpServer());
      const login = await agent.get('/login');
      expect(
        (
          await agent
            .post('/login')
            .type('form')
            .send({ _csrf: csrfOf(login.text), email: who.email, password: who.password, next: '/' })
        ).status,
      ).toBe(303);
      return agent;
    };
    const buyerAgent = await signIn(buyer);
    const form = await buyerAgent.get(`/orders/${o.id}/dispute`);
    expect(form.text).toContain('Ajukan komplain');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 60, b: 180 } } })
      .png()
      .toBuffer();
    const sent = await buyerAgent
      .post(`/orders/${o.id}/dispute?_csrf=${encodeURIComponent(csrfOf(form.text))}`)
      .field({ reason: 'incomplete', description: 'Kurang satu.', requested: 'partial_refund', amount: '20.000' })
      .attach('photos', png, 'bukti.png');
    expect(sent.status).toBe(303);
    const disputeUrl = sent.headers.location as string;
    expect(disputeUrl).toMatch(/^\/disputes\/[0-9a-f-]{36}$/);
    const again = await buyerAgent.get(`/orders/${o.id}/dispute`);
    expect(again.status).toBe(303);

    const sellerAgent = await signIn(seller.owner);
    const page = await sellerAgent.get(disputeUrl);
    expect(page.text).toContain('Kurang satu.');
    expect((await t.http().get(`/api/v1${disputeUrl}`).set(bearer(buyer.token))).body).toMatchObject({
      requested: 'partial_refund',
      amount: { amount: 2_000_000 },
      photos: [expect.objectContaining({ id: expect.any(String) })],
    });
    const noAmount = await sellerAgent
      .post(`${disputeUrl}/response`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), action: 'offer', message: 'Tawaran' });
    expect(noAmount.status).toBe(422);
    expect(noAmount.text).toContain('amount');
    expect(
      (
        await sellerAgent
          .post(`${disputeUrl}/response`)
          .type('form')
          .send({ _csrf: csrfOf(page.text), action: 'offer', amount: '10000', message: 'Tawaran' })
      ).status,
    ).toBe(303);

    const buyerPage = await buyerAgent.get(`${disputeUrl}?lang=en`);
    expect(buyerPage.text).toContain('Accept the offer');
    expect(
      (
        await buyerAgent
          .post(`${disputeUrl}/accept-offer`)
          .type('form')
          .send({ _csrf: csrfOf(buyerPage.text) })
      ).status,
    ).toBe(303);
    const done = await t.http().get(`/api/v1${disputeUrl}`).set(bearer(buyer.token));
    expect(done.body).toMatchObject({ status: 'resolved', outcome: 'partial_refund', outcomeAmount: { amount: 1_000_000 } });
  });
});
