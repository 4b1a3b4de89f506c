import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { Reputation } from '#libs/reviews';
import { ViewService } from '#libs/platform';
import { ReviewsDemoSeeder } from '../libs/reviews/src/reviews/reviews-demo.seeder.js';
import { addToCart, checkout, createSeller, tokenFor, type Session } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/** A browser a person uses: these requests are counted; anything else is a bot. */
const PERSON = { 'User-Agent': 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36', 'Accept-Language': 'id-ID,id;q=0.9' };
const NOBODY = '00000000-0000-4000-8000-000000000000';

const witaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('reviews, reputation, analytics and the sales statement', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createSeller>>;
  let b: Awaited<ReturnType<typeof createSeller>>;
  let basket: { id: string };
  let sarong: { id: string };
  let lamp: { id: string };
  let buyer: Session;
  let buyer2: Session;
  let stranger: Session;
  /** Orders of seller A, by name, with the line to review and the total. */
  const orders: Record<string, { id: string; lineId: string; total: number }> = {};

  const move = async (token: string, orderId: string, to: string, extra: Record<string, unknown> = {}) => {
    const response = await t
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(token))
      .send({ to, ...extra });
    expect(response.status).toBe(200);
  };

  /** Cart → checkout → paid, and then as far along `path` as asked. */
  const order = async (who: Session, seller: typeof a, productId: string, quantity: number, path: string[], country = 'ID') => {
    expect((await addToCart(t, who.token, productId, quantity)).status).toBe(201);
    const address = country === 'ID' ? undefined : { name: 'Emma', line1: '21 Smith Street', city: 'Melbourne', postalCode: '3065', country };
    const placed = await checkout(t, who.token, address ? { shippingAddress: address } : {});
    expect(placed.status).toBe(201);
    const orderId = placed.body.orders[0].id as string;
    for (const to of path) {
      await move(await tokenFor(t, to, { buyer: who.token, seller: seller.owner.token }), orderId, to, to === 'shipped' ? { trackingNumber: `JNE${randomBytes(4).toString('hex')}` } : {});
    }
    const view = await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(who.token));
    return { id: orderId, lineId: view.body.lines[0].id as string, total: view.body.total.amount as number };
  };
  const COMPLETED = ['paid', 'processing', 'shipped', 'delivered', 'completed'];

  const review = (token: string, lineId: string, body: Record<string, unknown>) => t.http().post(`/api/v1/order-lines/${lineId}/review`).set(bearer(token)).send(body);
  const reviewsOf = async (productId: string) => (await t.http().get(`/api/v1/products/${productId}/reviews`)).body;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    a = await createSeller(t, 'Tenun Sidemen');
    b = await createSeller(t, 'Ukiran Mas');
    basket = await a.product({ stock: 50 });
    sarong = await a.product({ stock: 50, title: { id: 'Kain endek', en: 'Endek cloth' }, price: { amount: 25_000_000, currency: 'IDR' } });
    lamp = await b.product({ stock: 50 });
    buyer = await registerUser(t, 'buyer', 'Putu Pembeli');
    buyer2 = await registerUser(t, 'buyer', 'Emma Buyer');
    stranger = await registerUser(t, 'buyer', 'Stranger');
    orders.first = await order(buyer, a, basket.id, 2, ['paid']);
  });
  afterAll(() => t.close());

  it('lets only the buyer of a completed order line review it, once, as plain text', async () => {
    const early = await review(buyer.token, orders.first!.lineId, { rating: 5, text: 'Bagus' });
    expect(early.status).toBe(403);
    for (const to of COMPLETED.slice(1)) await move(to === 'delivered' || to === 'completed' ? buyer.token : a.owner.token, orders.first!.id, to, to === 'shipped' ? { trackingNumber: 'JNE123' } : {});

    expect((await review(stranger.token, orders.first!.lineId, { rating: 5, text: 'Bagus' })).status).toBe(403);
    expect((await t.http().post(`/api/v1/order-lines/${orders.first!.lineId}/review`).send({ rating: 5, text: 'x' })).status).toBe(401);
    expect((await review(buyer.token, NOBODY, { rating: 5, text: 'Bagus' })).status).toBe(404);
    const badRating = await review(buyer.token, orders.first!.lineId, { rating: 6, text: 'Bagus' });
    expect(badRating.status).toBe(422);
    expect(badRating.body.errors[0].field).toBe('rating');
    const tooLong = await review(buyer.token, orders.first!.lineId, { rating: 5, text: 'a'.repeat(2001) });
    expect(tooLong.body.errors[0].field).toBe('text');
    expect((await review(buyer.token, orders.first!.lineId, { rating: 5, text: 'Bagus', language: 'fr' })).body.errors[0].field).toBe('language');
    expect((await review(buyer.token, orders.first!.lineId, { rating: 5, text: '<b></b>' })).body.errors[0].field).toBe('text');

    const created = await review(buyer.token, orders.first!.lineId, { rating: 5, text: '<script>alert(1)</script>Anyamannya <b>rapi</b> <img src=x onerror=alert(2)>& "kuat"' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String) });
    expect((await review(buyer.token, orders.first!.lineId, { rating: 4, text: 'Lagi' })).status).toBe(409);

    const list = await reviewsOf(basket.id);
    expect(list).toMatchObject({ total: 1, count: 1, average: 5 });
    expect(list.items[0]).toEqual({ id: created.body.id, rating: 5, text: 'Anyamannya rapi & "kuat"', language: 'id', createdAt: expect.any(String) });
    expect((await t.http().get(`/api/v1/products/${NOBODY}/reviews`)).status).toBe(404);

    // Rendered through the partial other pages include, the text stays inert.
    const html = t.app.get(ViewService).render('reviews/partials/list', { items: list.items, lang: 'id' });
    expect(html).toContain('Anyamannya rapi &amp; &quot;kuat&quot;');
    expect(html).not.toMatch(/<script|onerror|<img/);
    expect(t.app.get(ViewService).render('reviews/partials/summary', { average: 4.5, count: 2, lang: 'en' })).toContain('4.5 out of 5 · 2 reviews');
  });

  it('updates the average; a hidden review leaves it and is written to the audit log; restore brings it back', async () => {
    orders.second = await order(buyer2, a, basket.id, 1, COMPLETED, 'AU');
    const second = await review(buyer2.token, orders.second.lineId, { rating: 2, text: 'Took long to arrive', language: 'en' });
    expect(second.status).toBe(201);
    expect(await reviewsOf(basket.id)).toMatchObject({ count: 2, average: 3.5 });

    expect((await t.http().post(`/api/v1/reviews/${second.body.id}/report`).send({ reason: 'spam' })).status).toBe(401);
    const report = await t.http().post(`/api/v1/reviews/${second.body.id}/report`).set(bearer(stranger.token)).send({ reason: 'Bukan ulasan produk' });
    expect(report.status).toBe(201);
    expect((await t.http().post(`/api/v1/reviews/${second.body.id}/report`).set(bearer(stranger.token)).send({ reason: '' })).body.errors[0].field).toBe('reason');

    const curator = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const outsider = await createStaffUser(t, 'curator', { regency: 'badung' });
    const decide = (token: string, body: Record<string, unknown>) => t.http().post(`/api/v1/curation/reviews/${second.body.id}/decision`).set(bearer(token)).send(body);
    expect((await decide(outsider.token, { decision: 'hide', reason: 'x' })).status).toBe(403);
    expect((await decide(buyer.token, { decision: 'hide', reason: 'x' })).status).toBe(403);
    expect((await decide(curator.token, { decision: 'delete', reason: 'x' })).body.errors[0].field).toBe('decision');
    expect((await decide(curator.token, { decision: 'hide' })).body.errors[0].field).toBe('reason');

    const queue = await t.http().get('/api/v1/curation/reviews/reported').set(bearer(curator.token));
    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({ total: 1, items: [{ id: second.body.id, sellerId: a.sellerId, reports: 1, reasons: ['Bukan ulasan produk'], hidden: false }] });
    expect((await t.http().get('/api/v1/curation/reviews/reported').set(bearer(outsider.token))).body.total).toBe(0);
    expect((await t.http().get('/api/v1/curation/reviews/reported').set(bearer(buyer.token))).status).toBe(403);

    const hidden = await decide(curator.token, { decision: 'hide', reason: 'Melanggar pedoman ulasan' });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: second.body.id, hidden: true });
    const afterHide = await reviewsOf(basket.id);
    expect(afterHide).toMatchObject({ total: 1, count: 1, average: 5 });
    expect(afterHide.items.map((r: { id: string }) => r.id)).not.toContain(second.body.id);
    const audit = await t.http().get('/api/v1/curation/audit-log').query({ subjectId: second.body.id }).set(bearer(curator.token));
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actorId: curator.user.id, action: 'review.hide', subjectType: 'review', subjectId: second.body.id, regency: 'gianyar', reason: 'Melanggar pedoman ulasan' }),
    ]);

    expect((await t.http().get('/api/v1/curation/reviews/reported').set(bearer(curator.token))).body.total).toBe(0);
    expect((await decide(curator.token, { decision: 'restore', reason: 'Sudah ditinjau ulang' })).status).toBe(200);
    expect(await reviewsOf(basket.id)).toMatchObject({ count: 2, average: 3.5 });
  });

  it('lets the product’s seller reply once, and no other seller', async () => {
    const [{ id: reviewId }] = (await reviewsOf(basket.id)).items.filter((r: { rating: number }) => r.rating === 5);
    const reply = (token: string) => t.http().post(`/api/v1/reviews/${reviewId}/reply`).set(bearer(token)).send({ text: 'Suksma! <i>Terima kasih</i>' });
    expect((await reply(b.owner.token)).status).toBe(403);
    expect((await reply(buyer.token)).status).toBe(403);
    expect((await reply(a.owner.token)).status).toBe(201);
    expect((await reply(a.owner.token)).status).toBe(409);
    expect((await t.http().post(`/api/v1/reviews/${NOBODY}/reply`).set(bearer(a.owner.token)).send({ text: 'x' })).status).toBe(404);
    const shown = (await reviewsOf(basket.id)).items.find((r: { id: string }) => r.id === reviewId);
    expect(shown.reply).toEqual({ text: 'Suksma! Terima kasih', createdAt: expect.any(String) });
  });

  it('computes reputation from the orders, reviews and RFQs, with the trusted badge only when every threshold passes', async () => {
    // A third order is cancelled by the seller after payment; a fourth ships 4 days after payment.
    orders.cancelled = await order(buyer, a, sarong.id, 1, ['paid']);
    await move(a.owner.token, orders.cancelled.id, 'cancelled', { reason: 'Stok habis' });
    orders.late = await order(buyer, a, sarong.id, 1, COMPLETED);
    await t.db.query(`UPDATE order_events SET at = at - interval '4 days' WHERE order_id = $1 AND status IN ('pending_payment', 'paid')`, [orders.late.id]);

    // Two RFQs, answered 10 and 30 hours after they arrived.
    const rfqIds: string[] = [];
    for (const hours of [10, 30]) {
      const rfq = await t
        .http()
        .post('/api/v1/rfqs')
        .set(bearer(buyer2.token))
        .send({ sellerId: a.sellerId, quantity: 20, destinationCountry: 'AU', incoterm: 'FOB', message: 'Harga untuk 20 buah?' });
      expect(rfq.status).toBe(201);
      await t.db.query(`UPDATE rfqs SET created_at = created_at - make_interval(hours => $2) WHERE id = $1`, [rfq.body.id, hours]);
      const quote = await t
        .http()
        .post(`/api/v1/rfqs/${rfq.body.id}/quotes`)
        .set(bearer(a.owner.token))
        .send({ productId: basket.id, unitPrice: { amount: 13_500_000, currency: 'IDR' }, leadTimeDays: 21, validUntil: daysBefore(witaToday(), -14), incoterm: 'FOB' });
      expect(quote.body).toMatchObject({ id: expect.any(String) });
      rfqIds.push(rfq.body.id);
    }
    const responses: Array<{ hours: number }> = await t.db.query(
      `SELECT extract(epoch FROM coalesce(r.first_response_at, (SELECT min(created_at) FROM quotes q WHERE q.rfq_id = r.id)) - r.created_at) / 3600 AS hours FROM rfqs r WHERE id = ANY($1) ORDER BY hours`,
      [rfqIds],
    );
    const median = (Number(responses[0]!.hours) + Number(responses[1]!.hours)) / 2;

    const rep = await t.http().get(`/api/v1/sellers/${a.sellerId}/reputation`);
    expect(rep.status).toBe(200);
    // 4 paid orders: 1 cancelled after payment; of the 3 others, 2 shipped within 3 days of payment.
    expect(rep.body).toMatchObject({ rating: 3.5, reviewCount: 2, paidOrders: 4, onTimeShipping: 0.6667, cancellationRate: 0.25, trusted: false });
    expect(rep.body.rfqResponseMedianHours).toBeCloseTo(median, 1);
    expect(rep.body.thresholds.rating).toEqual({ min: 4.5, passesWhenEmpty: false });
    expect(rep.body.formulas.onTimeShipping.en).toMatch(/within 3 days of payment/);
    expect(rep.body.checks.find((c: { metric: string }) => c.metric === 'rating')).toEqual({ metric: 'rating', value: 3.5, pass: false });
    expect(rep.body.monthly).toHaveLength(3);
    expect(rep.body.monthly.at(-1).paidOrders + rep.body.monthly.at(-2).paidOrders).toBe(4);

    // Seller B: three completed, punctual, five-star orders and no RFQs → trusted.
    for (const who of [buyer, buyer2, stranger]) {
      const done = await order(who, b, lamp.id, 1, COMPLETED);
      expect((await review(who.token, done.lineId, { rating: 5, text: 'Sempurna' })).status).toBe(201);
    }
    const trusted = await t.http().get(`/api/v1/sellers/${b.sellerId}/reputation`);
    expect(trusted.body).toMatchObject({ rating: 5, paidOrders: 3, onTimeShipping: 1, cancellationRate: 0, rfqResponseMedianHours: null, trusted: true });
    expect(trusted.body.checks.every((c: { pass: boolean }) => c.pass)).toBe(true);

    const scores = await t.app.get(Reputation).scores([a.sellerId, b.sellerId, NOBODY]);
    expect(scores.get(b.sellerId)).toBe(1);
    expect(scores.get(a.sellerId)!).toBeLessThan(scores.get(b.sellerId)!);
    expect(scores.get(NOBODY)).toBe(0);
    expect((await t.http().get(`/api/v1/sellers/${NOBODY}/reputation`)).status).toBe(404);
  });

  it('counts views, search clicks and cart adds of people but not of bots, and reports them with orders and revenue', async () => {
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/products/${basket.id}`).set(PERSON)).status).toBe(200);
    expect((await t.http().get(`/products/${basket.id}?ref=search`).set(PERSON)).status).toBe(200);
    await t
      .http()
      .get(`/products/${basket.id}`)
      .set({ ...PERSON, 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    await t.http().get(`/products/${basket.id}`).set({ 'User-Agent': PERSON['User-Agent'] });
    await t.http().get(`/products/${NOBODY}`).set(PERSON);
    expect(
      (
        await t
          .http()
          .post('/api/v1/cart/items')
          .set({ ...PERSON, ...bearer(stranger.token) })
          .send({ productId: sarong.id, quantity: 1 })
      ).status,
    ).toBe(201);
    const saved = await t
      .http()
      .put(`/api/v1/sellers/${a.sellerId}/storefront`)
      .set(bearer(a.owner.token))
      .send({ theme: 'minimal', settings: { primaryColor: '#9a3412' }, sections: [] });
    expect(saved.status).toBe(200);
    expect((await t.http().post(`/api/v1/sellers/${a.sellerId}/storefront/publish`).set(bearer(a.owner.token))).status).toBe(200);
    const [{ slug }] = await t.db.query(`SELECT slug FROM sellers WHERE id = $1`, [a.sellerId]);
    expect((await t.http().get(`/s/${slug}`).set(PERSON)).status).toBe(200);
    // The second visit gets the page as stored, sent before the framework (StorefrontEdge): it counts all the same.
    const again = await t.http().get(`/s/${slug}`).set(PERSON);
    expect([again.status, again.headers.etag]).toEqual([200, expect.stringMatching(/^W\/"sf-/)]);
    await t.http().get(`/s/${slug}`).set({ 'User-Agent': 'facebookexternalhit/1.1', 'Accept-Language': 'en' });
    // Every product a search shows is an impression, on the page and through the API alike; bots' searches are not counted.
    await t.drainJobs();
    const listed = await t.http().get('/api/v1/catalogue?q=endek').set(PERSON);
    expect(listed.body.hits.map((hit: { id: string }) => hit.id)).toEqual([sarong.id]);
    const page = await t.http().get('/search').set(PERSON);
    expect(page.text).toContain(`href="/products/${basket.id}?ref=search"`);
    expect(page.text).toContain(`href="/products/${sarong.id}?ref=search"`);
    // The second search gets the page as stored (PublicPages): its impressions count all the same.
    const stored = await t.http().get('/search').set(PERSON);
    expect([stored.status, stored.headers.etag]).toEqual([200, expect.stringMatching(/^W\/"pp-/)]);
    expect((await t.http().get('/search').set({ 'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0)', 'Accept-Language': 'en' })).status).toBe(200);

    const get = () => t.http().get(`/api/v1/sellers/${a.sellerId}/analytics`).set(bearer(a.owner.token));
    // Visits are summed in memory and written in batches; a report writes what is pending first, so it is exact at once.
    const body = (await get()).body;

    const sales = [orders.first!, orders.second!, orders.late!];
    const revenue = sales.reduce((sum, o) => sum + o.total, 0);
    expect(body.totals).toEqual({ storefrontViews: 2, views: 4, impressions: 5, clicks: 1, cartAdds: 1, orders: 3, revenue: { amount: revenue, currency: 'IDR' }, rfqsReceived: 2, rfqsWon: 0 });
    const today = body.daily.find((d: { date: string }) => d.date === witaToday());
    expect(today).toMatchObject({ views: 4, clicks: 1, cartAdds: 1 });
    expect(body.daily).toHaveLength(30);
    expect(body.monthly.at(-1)).toMatchObject({ month: witaToday().slice(0, 7) });
    expect(body.topProducts[0]).toMatchObject({ productId: basket.id, views: 4, quantity: 3, revenue: { amount: 45_000_000, currency: 'IDR' } });
    expect(body.topProducts[1]).toMatchObject({ productId: sarong.id, views: 0, quantity: 1, revenue: { amount: 25_000_000, currency: 'IDR' } });
    expect(body.buyerCountries).toEqual([
      { country: 'ID', orders: 2 },
      { country: 'AU', orders: 1 },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM daily_stats WHERE seller_id = $1 AND kind = 'product_view'`, [b.sellerId]))[0].n).toBe(0);

    const csv = await t.http().get(`/api/v1/sellers/${a.sellerId}/analytics?format=csv`).set(bearer(a.owner.token));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('date,storefront_views,views,impressions,clicks,cart_adds,orders,revenue_idr');
    expect(csv.text).toContain(`${witaToday()},2,4,5,1,1,`);
  });

  it('lets only the seller’s managers see analytics and the dashboard page', async () => {
    const url = `/api/v1/sellers/${a.sellerId}/analytics`;
    expect((await t.http().get(url)).status).toBe(401);
    expect((await t.http().get(url).set(bearer(stranger.token))).status).toBe(403);
    expect((await t.http().get(url).set(bearer(b.owner.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/sellers/${NOBODY}/analytics`).set(bearer(a.owner.token))).status).toBe(404);
    const backwards = await t.http().get(`${url}?from=2026-03-01&to=2026-02-01`).set(bearer(a.owner.token));
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].field).toBe('from');

    const [coop] = await t.db.query(`INSERT INTO cooperatives (name, regency, registration_number) VALUES ('Koperasi Tenun', 'karangasem', $1) RETURNING id`, [
      `REG-${randomBytes(3).toString('hex')}`,
    ]);
    await t.db.query(`UPDATE sellers SET cooperative_id = $1 WHERE id = $2`, [coop.id, a.sellerId]);
    const coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: coop.id });
    expect((await t.http().get(url).set(bearer(coopAdmin.token))).status).toBe(200);

    const page = await t.http().get(`/dashboard/sellers/${a.sellerId}/analytics?lang=en`).set(bearer(a.owner.token));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Shop analytics');
    expect(page.text).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="chart-views-title chart-views-desc"/);
    expect(page.text).toContain('<title id="chart-views-title">Product views per day</title>');
    expect(page.text).toContain(`href="/api/v1/sellers/${a.sellerId}/analytics?from`);
    // No script but the optional service-worker registration every page has (the offline page).
    expect(page.text).not.toMatch(/<script(?! src="\/static\/sw-register\.js")/);
    expect((await t.http().get(`/dashboard/sellers/${a.sellerId}/analytics`).set(bearer(stranger.token))).status).toBe(403);
  });

  it('issues the sales statement as CSV and PDF for the seller’s managers, validating the period', async () => {
    await t.db.query(`INSERT INTO seller_documents (seller_id, type, number, status) VALUES ($1, 'NIB', '9120001234567', 'approved')`, [a.sellerId]);
    const url = `/api/v1/sellers/${a.sellerId}/reports/sales-statement`;
    const period = { from: daysBefore(witaToday(), 60), to: witaToday() };
    const csv = await t
      .http()
      .get(url)
      .query({ ...period, format: 'csv' })
      .set(bearer(a.owner.token));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('bulan_month,pesanan_orders,penjualan_sales_idr,penjualan_sales');
    const revenue = [orders.first!, orders.second!, orders.late!].reduce((sum, o) => sum + o.total, 0);
    const whole = revenue / 100;
    expect(rows.at(-1)).toBe(`total,3,${whole},Rp ${whole.toLocaleString('id-ID')}`);
    expect(rows.find((r) => r.startsWith(witaToday().slice(0, 7)))).toMatch(/,3,/);

    const pdf = await t
      .http()
      .get(url)
      .query(period)
      .set(bearer(a.owner.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    expect((await t.http().get(url).query(period)).status).toBe(401);
    expect((await t.http().get(url).query(period).set(bearer(stranger.token))).status).toBe(403);
    const backwards = await t.http().get(url).query({ from: '2026-05-01', to: '2026-04-01' }).set(bearer(a.owner.token));
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].field).toBe('from');
    const tooLong = await t.http().get(url).query({ from: '2023-01-01', to: '2026-01-01' }).set(bearer(a.owner.token));
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0].field).toBe('to');
    expect((await t.http().get(url).query({ from: '2026-02-30' }).set(bearer(a.owner.token))).body.errors[0].field).toBe('from');
    expect((await t.http().get(url).query({ from: 'yesterday' }).set(bearer(a.owner.token))).body.errors[0].field).toBe('from');
    expect((await t.http().get(url).query({ format: 'xls' }).set(bearer(a.owner.token))).body.errors[0].field).toBe('format');
  });

  it('lets a buyer review, the seller reply and anyone signed in report through pages that need no JavaScript', async () => {
    const done = await order(buyer2, a, sarong.id, 1, COMPLETED);
    const browser = supertest.agent(t.app.getHttpServer());
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const login = await browser.get('/login');
    expect(
      (
        await browser
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(login.text), email: buyer2.email, password: buyer2.password, next: '/' })
      ).status,
    ).toBe(303);

    const form = await browser.get(`/order-lines/${done.lineId}/review?lang=en`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Write a review');
    const noRating = await browser
      .post(`/order-lines/${done.lineId}/review`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), text: 'Halus' });
    expect(noRating.status).toBe(422);
    expect(noRating.text).toContain('Choose a rating from 1 to 5.');
    const sent = await browser
      .post(`/order-lines/${done.lineId}/review`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), rating: '4', text: '<script>alert(1)</script>Kainnya halus <b onclick="x()">sekali</b>', language: 'id' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/products/${sarong.id}/reviews?written=1`);
    expect((await browser.get(`/order-lines/${done.lineId}/review?lang=en`)).text).toContain('You have already reviewed this item.');
    expect((await browser.get(`/order-lines/${orders.first!.lineId}/review`)).status).toBe(403);

    const page = await browser.get(`/products/${sarong.id}/reviews?written=1&lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kainnya halus sekali');
    expect(page.text).toContain('4 out of 5 · 1 reviews');
    expect(page.text).not.toMatch(/<script>alert|onclick/);
    expect(page.text).toContain('Report this review');
    expect(page.text).not.toContain('Send reply');

    const asSeller = await t.http().get(`/products/${sarong.id}/reviews`).set(bearer(a.owner.token));
    expect(asSeller.text).toContain('Kirim balasan');
    const [{ id: reviewId }] = (await reviewsOf(sarong.id)).items;
    const replied = await t.http().post(`/reviews/${reviewId}/reply`).set(bearer(a.owner.token)).type('form').send({ text: 'Suksma!' });
    expect(replied.status).toBe(303);
    expect((await t.http().get(`/products/${sarong.id}/reviews`)).text).toContain('Suksma!');
    const reported = await browser
      .post(`/reviews/${reviewId}/report`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), reason: 'Tes laporan' });
    expect(reported.status).toBe(303);
    expect((await t.http().get(`/products/${NOBODY}/reviews`)).status).toBe(404);
  });

  it('seeds demo reviews on completed orders that have none, once', async () => {
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM reviews`))[0].n as number;
    const before = await count();
    const seeder = t.app.get(ReviewsDemoSeeder);
    await seeder.seed();
    const [late] = await t.db.query(`SELECT rating, reply_text FROM reviews WHERE order_line_id = $1`, [orders.late!.lineId]);
    expect(late.rating).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(before + 1);
    await seeder.seed();
    expect(await count()).toBe(before + 1);
  });
});
