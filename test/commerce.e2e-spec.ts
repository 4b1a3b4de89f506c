import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { OrderExpiry } from '#libs/commerce';
import { CommerceDemoSeeder } from '../libs/commerce/src/commerce-demo.seeder.js';
import { addToCart, adminToken, BALI_ADDRESS, checkout, createSeller, stockOf, type Session } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

describe('commerce: cart, checkout, orders', () => {
  let t: TestApp;
  let buyer: Session;
  let other: Session;
  let a: Awaited<ReturnType<typeof createSeller>>;
  let b: Awaited<ReturnType<typeof createSeller>>;
  let basket: { id: string };
  let lamp: { id: string };
  let draft: { id: string };
  let shirt: { id: string; variants: Array<{ id: string }> };

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { ORDER_EXPIRY_MINUTES: '30' } });
    a = await createSeller(t, 'Anyaman Tegallalang');
    b = await createSeller(t, 'Ukiran Mas');
    basket = await a.product({ stock: 5, weightGrams: 350 });
    lamp = await b.product({ title: { id: 'Lampu ukir', en: 'Carved lamp' }, stock: 3, weightGrams: 1500, price: { amount: 40_000_000, currency: 'IDR' } });
    draft = await a.product({ status: 'draft' });
    shirt = await a.product({
      variants: [
        { sku: 'KMJ-M', options: { Ukuran: 'M' }, stock: 2 },
        { sku: 'KMJ-L', options: { Ukuran: 'L' }, stock: 1, price: { amount: 20_000_000, currency: 'IDR' } },
      ],
    });
    buyer = await registerUser(t, 'buyer', 'Putu Pembeli');
    other = await registerUser(t, 'buyer', 'Other Buyer');
  });
  afterAll(() => t.close());

  it('adds, updates and removes cart lines, checking stock and ownership', async () => {
    const added = await addToCart(t, buyer.token, basket.id, 2);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ productId: basket.id, quantity: 2, unitPrice: { amount: 15_000_000, currency: 'IDR' }, sellerId: a.sellerId });
    expect((await addToCart(t, buyer.token, basket.id, 1)).body.quantity).toBe(3);

    const cart = await t.http().get('/api/v1/cart').set(bearer(buyer.token));
    expect(cart.status).toBe(200);
    expect(cart.body.items).toHaveLength(1);
    expect(cart.body.subtotal).toEqual({ amount: 45_000_000, currency: 'IDR' });
    const itemId = cart.body.items[0].id;

    const tooMany = await addToCart(t, buyer.token, basket.id, 3);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.productId).toBe(basket.id);
    const inactive = await addToCart(t, buyer.token, draft.id, 1);
    expect(inactive.status).toBe(422);
    expect(inactive.body.errors[0].field).toBe('productId');
    expect((await addToCart(t, buyer.token, shirt.id, 1)).body.errors[0].field).toBe('variantId');
    expect((await addToCart(t, buyer.token, '00000000-0000-4000-8000-000000000000', 1)).status).toBe(404);
    const zero = await addToCart(t, buyer.token, basket.id, 0);
    expect(zero.status).toBe(422);
    expect(zero.body.errors[0].field).toBe('quantity');
    const variant = await addToCart(t, buyer.token, shirt.id, 1, shirt.variants[1]!.id);
    expect(variant.body.unitPrice.amount).toBe(20_000_000);

    const patched = await t.http().patch(`/api/v1/cart/items/${itemId}`).set(bearer(buyer.token)).send({ quantity: 1 });
    expect(patched.status).toBe(200);
    expect(patched.body.items.find((i: { id: string }) => i.id === itemId).quantity).toBe(1);
    expect((await t.http().patch(`/api/v1/cart/items/${itemId}`).set(bearer(buyer.token)).send({ quantity: 6 })).status).toBe(409);
    expect((await t.http().patch(`/api/v1/cart/items/${itemId}`).set(bearer(other.token)).send({ quantity: 1 })).status).toBe(404);
    expect((await t.http().delete(`/api/v1/cart/items/${itemId}`).set(bearer(other.token))).status).toBe(404);
    expect((await t.http().delete('/api/v1/cart/items/not-a-uuid').set(bearer(buyer.token))).status).toBeLessThan(500);

    expect((await t.http().delete(`/api/v1/cart/items/${itemId}`).set(bearer(buyer.token))).status).toBe(204);
    expect((await t.http().delete(`/api/v1/cart/items/${variant.body.id}`).set(bearer(buyer.token))).status).toBe(204);
    expect((await t.http().get('/api/v1/cart').set(bearer(buyer.token))).body).toEqual({ items: [], subtotal: { amount: 0, currency: 'IDR' } });
  });

  it('checks out two sellers as two orders in one payment, priced with shipping by weight and zone', async () => {
    await addToCart(t, buyer.token, basket.id, 2);
    await addToCart(t, buyer.token, lamp.id, 1);
    expect((await checkout(t, buyer.token, { shippingAddress: { ...BALI_ADDRESS, country: 'XX' } })).body.errors[0].field).toBe('shippingAddress.country');
    const stripe = await checkout(t, buyer.token, { paymentMethod: 'stripe' });
    expect(stripe.status).toBe(422);
    expect(stripe.body.errors[0].field).toBe('paymentMethod');

    const response = await checkout(t, buyer.token, { currency: 'USD' });
    expect(response.status).toBe(201);
    expect(response.body.orders).toHaveLength(2);
    const bySeller = Object.fromEntries(response.body.orders.map((o: { sellerId: string }) => [o.sellerId, o]));
    // Bali: Rp 12.000 for the first kilogram, Rp 8.000 for each further one.
    expect(bySeller[a.sellerId]).toMatchObject({ status: 'pending_payment', total: { amount: 30_000_000 + 1_200_000, currency: 'IDR' } });
    expect(bySeller[b.sellerId]).toMatchObject({ status: 'pending_payment', total: { amount: 40_000_000 + 2_000_000, currency: 'IDR' } });
    expect(response.body.payment).toMatchObject({ method: 'bank_transfer', instructions: { reference: expect.stringMatching(/^PK-/), amount: { amount: 73_200_000, currency: 'IDR' } } });
    // ORDER_EXPIRY_MINUTES is 30 here: each order says until when it waits for the transfer.
    for (const placed of response.body.orders) {
      const left = Date.parse(placed.payBy) - Date.now();
      expect(left).toBeGreaterThan(29 * 60_000);
      expect(left).toBeLessThanOrEqual(30 * 60_000);
    }
    expect(response.body.displayTotal.currency).toBe('USD');
    expect(response.body.exchangeRate.asOf).toBe('2026-11-27');

    expect(await stockOf(t, basket.id)).toBe(3);
    expect(await stockOf(t, lamp.id)).toBe(2);
    expect((await t.http().get('/api/v1/cart').set(bearer(buyer.token))).body.items).toHaveLength(0);
    const empty = await checkout(t, buyer.token);
    expect(empty.status).toBe(422);

    const mine = await t.http().get('/api/v1/orders').set(bearer(buyer.token));
    expect(mine.body.total).toBe(2);
    const order = await t.http().get(`/api/v1/orders/${bySeller[b.sellerId].id}`).set(bearer(buyer.token));
    expect(order.body).toMatchObject({ sellerId: b.sellerId, buyerId: buyer.user.id, status: 'pending_payment', shipping: { amount: 2_000_000 } });
    expect(order.body.lines[0]).toMatchObject({ productId: lamp.id, quantity: 1, unitPrice: { amount: 40_000_000, currency: 'IDR' } });
    expect(order.body.history).toEqual([expect.objectContaining({ status: 'pending_payment', actorId: buyer.user.id })]);
  });

  it('refuses the whole checkout when one line is short: 409 naming it, no order, stock unchanged', async () => {
    const shopper = await registerUser(t, 'buyer');
    await addToCart(t, shopper.token, basket.id, 1);
    await addToCart(t, shopper.token, lamp.id, 2);
    // Someone else buys the lamps first.
    await addToCart(t, other.token, lamp.id, 1);
    expect((await checkout(t, other.token)).status).toBe(201);

    const refused = await checkout(t, shopper.token);
    expect(refused.status).toBe(409);
    expect(refused.body.productId).toBe(lamp.id);
    expect(refused.body.detail).toContain('Lampu ukir');
    expect((await t.http().get('/api/v1/orders').set(bearer(shopper.token))).body.total).toBe(0);
    expect(await stockOf(t, basket.id)).toBe(3);
    expect(await stockOf(t, lamp.id)).toBe(1);
    expect((await t.http().get('/api/v1/cart').set(bearer(shopper.token))).body.items).toHaveLength(2);
  });

  it('never oversells when checkouts race', async () => {
    const vase = await b.product({ stock: 3 });
    const shoppers = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser(t, 'buyer')));
    for (const shopper of shoppers) expect((await addToCart(t, shopper.token, vase.id, 1)).status).toBe(201);
    const results = await Promise.all(shoppers.map((s) => checkout(t, s.token)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    expect(await stockOf(t, vase.id)).toBe(0);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM order_lines WHERE product_id = $1`, [vase.id]);
    expect(count).toBe(3);
  });

  it('lets seller and buyer move an order only as the state machine and their role allow', async () => {
    await addToCart(t, buyer.token, basket.id, 1);
    const placed = await checkout(t, buyer.token);
    const id = placed.body.orders[0].id;
    const move = (token: string, body: Record<string, unknown>) => t.http().post(`/api/v1/orders/${id}/transitions`).set(bearer(token)).send(body);
    const stranger = await registerUser(t, 'artisan');

    expect((await move(stranger.token, { to: 'paid' })).status).toBe(404);
    expect((await move(buyer.token, { to: 'paid' })).status).toBe(403);
    expect((await move(a.owner.token, { to: 'shipped', trackingNumber: 'X' })).status).toBe(409);
    expect((await move(a.owner.token, { to: 'flying' })).body.errors[0].field).toBe('to');
    // Only the platform confirms that a transfer arrived: a seller marking it could fake sales.
    expect((await move(a.owner.token, { to: 'paid' })).status).toBe(403);
    const paid = await move(await adminToken(t), { to: 'paid' });
    expect(paid.body).toMatchObject({ status: 'paid', payment: { method: 'bank_transfer', status: 'paid' } });
    expect((await move(buyer.token, { to: 'cancelled' })).status).toBe(403);
    expect((await move(a.owner.token, { to: 'processing' })).status).toBe(200);
    const untracked = await move(a.owner.token, { to: 'shipped' });
    expect(untracked.status).toBe(422);
    expect(untracked.body.errors[0].field).toBe('trackingNumber');
    expect((await move(a.owner.token, { to: 'shipped', trackingNumber: 'JNE123' })).body.trackingNumber).toBe('JNE123');
    // Without a courier service tracking parcels, the seller may say it arrived too (with one, only the courier or the buyer).
    expect((await move(a.owner.token, { to: 'delivered' })).body).toMatchObject({
      status: 'delivered',
      history: expect.arrayContaining([expect.objectContaining({ status: 'delivered', actorRole: 'seller' })]),
    });
    const completed = await move(buyer.token, { to: 'completed' });
    expect(completed.body.history.map((h: { status: string }) => h.status)).toEqual(['pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'completed']);
    expect(completed.body.history[1]).toMatchObject({ status: 'paid', actorRole: 'admin' });
    expect((await move(buyer.token, { to: 'cancelled' })).status).toBe(409);
    const admin = await createStaffUser(t, 'admin');
    expect((await move(admin.token, { to: 'refunded' })).body).toMatchObject({ status: 'refunded', payment: { status: 'refunded' } });

    expect((await t.http().get(`/api/v1/orders/${id}`).set(bearer(a.owner.token))).status).toBe(200);
    expect((await t.http().get(`/api/v1/orders/${id}`).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/orders/${id}`)).status).toBe(401);
    const sellerList = await t.http().get(`/api/v1/sellers/${a.sellerId}/orders?status=refunded`).set(bearer(a.owner.token));
    expect(sellerList.status).toBe(200);
    expect(sellerList.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await t.http().get(`/api/v1/sellers/${a.sellerId}/orders`).set(bearer(b.owner.token))).status).toBe(403);
    expect((await t.http().get(`/api/v1/sellers/${a.sellerId}/orders?status=lost`).set(bearer(a.owner.token))).status).toBe(422);
  });

  it('gives stock back when the buyer cancels an unpaid order', async () => {
    const before = await stockOf(t, basket.id);
    await addToCart(t, buyer.token, basket.id, 2);
    const id = (await checkout(t, buyer.token)).body.orders[0].id;
    expect(await stockOf(t, basket.id)).toBe(before - 2);
    const cancelled = await t.http().post(`/api/v1/orders/${id}/transitions`).set(bearer(buyer.token)).send({ to: 'cancelled', reason: 'changed my mind' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(await stockOf(t, basket.id)).toBe(before);
  });

  it('expires unpaid orders after ORDER_EXPIRY_MINUTES and releases their stock', async () => {
    const before = await stockOf(t, lamp.id);
    await addToCart(t, other.token, lamp.id, 1);
    const placedAt = Date.now();
    const id = (await checkout(t, other.token)).body.orders[0].id;
    expect(await stockOf(t, lamp.id)).toBe(before - 1);
    await t.app.get(OrderExpiry).run();
    const pending = (await t.http().get(`/api/v1/orders/${id}`).set(bearer(other.token))).body;
    expect(pending.status).toBe('pending_payment');
    // ORDER_EXPIRY_MINUTES is 30 here.
    expect(Math.abs(Date.parse(pending.payBy) - placedAt - 30 * 60_000)).toBeLessThan(60_000);
    expect((await t.http().get(`/orders/${id}`).set(bearer(other.token))).text).toMatch(/Belum dibayar: dibatalkan otomatis pada \d{1,2} \w{3} \d{4},? \d{2}[.:]\d{2} WITA\./);
    expect((await t.http().get('/orders?lang=en').set(bearer(other.token))).text).toMatch(/pay by \d{1,2} \w{3} \d{4},? \d{2}[.:]\d{2} WITA/);

    await t.db.query(`UPDATE orders SET pay_by = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(OrderExpiry).run();
    const expired = await t.http().get(`/api/v1/orders/${id}`).set(bearer(other.token));
    expect(expired.body.status).toBe('cancelled');
    expect(expired.body.history.at(-1)).toMatchObject({ status: 'cancelled', actorId: null, actorRole: 'system' });
    expect(expired.body.payment.status).toBe('expired');
    expect(expired.body.payBy).toBeUndefined();
    expect(await stockOf(t, lamp.id)).toBe(before);
  });

  it('notifies buyer and seller of each move, in the app', async () => {
    await t.drainJobs();
    const buyerNotes = await t.http().get('/api/v1/notifications').set(bearer(buyer.token));
    expect(buyerNotes.status).toBe(200);
    expect(buyerNotes.body.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['order.paid', 'order.shipped', 'order.delivered', 'order.refunded']));
    const sellerNotes = await t.http().get('/api/v1/notifications').set(bearer(a.owner.token));
    expect(sellerNotes.body.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['order.pending_payment', 'order.completed', 'order.cancelled']));
    expect(sellerNotes.body.items[0].message.en).toMatch(/order/i);
    expect((await t.http().get('/api/v1/notifications')).status).toBe(401);
  });

  it('does not sell the products of a suspended seller', async () => {
    const c = await createSeller(t, 'Toko Ditangguhkan');
    const item = await c.product();
    expect((await addToCart(t, other.token, item.id, 1)).status).toBe(201);
    await t.db.query(`UPDATE sellers SET suspended_at = now(), suspended_reason = 'test' WHERE id = $1`, [c.sellerId]);
    expect((await addToCart(t, other.token, item.id, 1)).body.errors[0].field).toBe('productId');
    const refused = await checkout(t, other.token);
    expect(refused.status).toBe(409);
    expect(refused.body.productId).toBe(item.id);
    const line = (await t.http().get('/api/v1/cart').set(bearer(other.token))).body.items[0];
    expect(line.available).toBe(false);
    await t.http().delete(`/api/v1/cart/items/${line.id}`).set(bearer(other.token));
  });

  it('keeps a guest cart in a cookie and merges it into the cart at sign-in', async () => {
    const guest = supertest.agent(t.app.getHttpServer());
    const added = await guest.post('/api/v1/cart/items').send({ productId: basket.id, quantity: 1 });
    expect(added.status).toBe(201);
    expect(String(added.headers['set-cookie'])).toMatch(/pk_cart=[^;]+;.*HttpOnly/i);
    expect((await guest.get('/api/v1/cart')).body.items).toHaveLength(1);
    expect((await t.http().get('/api/v1/cart')).body.items).toHaveLength(0);

    const shopper = await registerUser(t, 'buyer');
    await addToCart(t, shopper.token, lamp.id, 1);
    const merged = await guest.get('/api/v1/cart').set(bearer(shopper.token));
    expect(merged.body.items.map((i: { productId: string }) => i.productId).sort()).toEqual([basket.id, lamp.id].sort());
    expect((await guest.get('/api/v1/cart')).body.items).toHaveLength(0); // the guest cart is gone
  });

  it('serves the cart, checkout and order pages with working forms', async () => {
    const browser = supertest.agent(t.app.getHttpServer());
    const cartPage = await browser.get('/cart');
    expect(cartPage.status).toBe(200);
    expect(cartPage.text).toContain('Keranjang Anda masih kosong.');
    // The product page's form carries the token; any page of this visitor gives the same.
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await browser.get('/login')).text)![1];
    const posted = await browser.post('/cart/items').type('form').send({ _csrf: csrf, productId: basket.id, quantity: '1' });
    expect(posted.status).toBe(303);
    expect((await browser.get('/cart')).text).toContain('Produk Anyaman Tegallalang');

    const loginPage = await browser.get('/login');
    const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.text)![1];
    expect((await browser.post('/login').type('form').send({ _csrf: loginCsrf, email: buyer.email, password: buyer.password, next: '/checkout' })).status).toBe(303);
    const form = await browser.get('/checkout');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Produk Anyaman Tegallalang');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const bad = await browser
      .post('/checkout')
      .type('form')
      .send({ _csrf: token, paymentMethod: 'bank_transfer', ...BALI_ADDRESS, country: 'Indonesia' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('country-error');
    const done = await browser
      .post('/checkout')
      .type('form')
      .send({ _csrf: token, paymentMethod: 'bank_transfer', ...BALI_ADDRESS });
    expect(done.status).toBe(303);
    const confirmation = await browser.get(done.headers.location!);
    expect(confirmation.text).toContain('PT Pasar Kerthi Nusantara');
    expect(confirmation.text).toMatch(/PK-[A-Z0-9]{8}/);

    const orders = await browser.get('/orders');
    expect(orders.text).toContain('Menunggu pembayaran');
    const sellerBrowser = supertest.agent(t.app.getHttpServer());
    const sellerLogin = await sellerBrowser.get('/login');
    await sellerBrowser
      .post('/login')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(sellerLogin.text)![1], email: a.owner.email, password: a.owner.password, next: '/' });
    const dashboard = await sellerBrowser.get(`/dashboard/sellers/${a.sellerId}/orders?status=pending_payment`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).not.toContain('Konfirmasi pembayaran diterima');
    const orderId = /href="\/orders\/([0-9a-f-]{36})\?as=seller"/.exec(dashboard.text)![1];
    const sellerCsrf = /name="_csrf" value="([^"]+)"/.exec(dashboard.text)![1];
    const refused = await sellerBrowser
      .post(`/orders/${orderId}/transitions`)
      .type('form')
      .send({ _csrf: sellerCsrf, to: 'paid', back: `/dashboard/sellers/${a.sellerId}/orders` });
    expect(refused.status).toBe(403);
    // The platform's admin matches the transfer on the order page.
    const admin = await createStaffUser(t, 'admin');
    const adminBrowser = supertest.agent(t.app.getHttpServer());
    const adminLogin = await adminBrowser.get('/login');
    await adminBrowser
      .post('/login')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(adminLogin.text)![1], email: admin.email, password: admin.password, next: '/' });
    const adminPage = await adminBrowser.get(`/orders/${orderId}`);
    expect(adminPage.text).toContain('Konfirmasi pembayaran diterima');
    const adminCsrf = /name="_csrf" value="([^"]+)"/.exec(adminPage.text)![1];
    const confirmed = await adminBrowser.post(`/orders/${orderId}/transitions`).type('form').send({ _csrf: adminCsrf, to: 'paid' });
    expect(confirmed.status).toBe(303);
    const paidPage = (await sellerBrowser.get(`/orders/${orderId}?as=seller`)).text;
    expect(paidPage).toContain('Dibayar');
    // The transfer reached the platform's account: cancelling now means the platform sends it back.
    expect(paidPage).toMatch(/Dibayar lewat transfer bank: Pasar Kerthi mentransfer kembali Rp\s?[\d.]+ ke rekening pembeli\./);
    expect((await browser.get(`/dashboard/sellers/${a.sellerId}/orders`)).status).toBe(403);
  });

  it('lists bank transfers the platform owes back, and records the transfer an admin sends', async () => {
    await addToCart(t, other.token, basket.id, 1);
    const placed = await checkout(t, other.token);
    expect(placed.status).toBe(201);
    const [{ id, total }] = placed.body.orders;
    const move = (token: string, to: string) => t.http().post(`/api/v1/orders/${id}/transitions`).set(bearer(token)).send({ to, reason: 'test' });
    const admin = await createStaffUser(t, 'admin');
    const due = async () => (await t.http().get('/api/v1/transfer-refunds').set(bearer(admin.token))).body.items.filter((item: { orderId: string }) => item.orderId === id);
    const record = (token: string, body: Record<string, unknown>) => t.http().post(`/api/v1/orders/${id}/transfer-refund`).set(bearer(token)).send(body);

    // Paid and still going ahead: nothing is owed yet.
    expect((await move(admin.token, 'paid')).status).toBe(200);
    expect(await due()).toEqual([]);
    expect((await move(a.owner.token, 'cancelled')).status).toBe(200);
    expect(await due()).toEqual([
      {
        orderId: id,
        status: 'cancelled',
        amount: total,
        paymentReference: placed.body.payment.reference,
        buyer: { name: other.user.name, email: other.user.email, phone: null },
        since: expect.any(String),
      },
    ]);
    expect((await t.http().get('/api/v1/transfer-refunds').set(bearer(a.owner.token))).status).toBe(403);
    expect((await record(a.owner.token, { bankReference: 'BRI 1' })).status).toBe(403);
    const blank = await record(admin.token, { bankReference: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].field).toBe('bankReference');

    const sent = await record(admin.token, { bankReference: 'BRI 2026112900123' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'cancelled', refunded: total });
    expect(sent.body.history.at(-1)).toMatchObject({ actorRole: 'admin', actorId: admin.user.id, reason: expect.stringMatching(/^Rp\s?[\d.]+ transferred back to the buyer \(BRI 2026112900123\)$/) });
    expect(await due()).toEqual([]);
    expect((await record(admin.token, { bankReference: 'BRI again' })).status).toBe(409);
    await t.drainJobs();
    const notes = (await t.http().get('/api/v1/notifications').set(bearer(other.token))).body.items;
    expect(notes).toContainEqual(
      expect.objectContaining({
        kind: 'order.transfer_refunded',
        params: expect.objectContaining({ orderId: id }),
        message: expect.objectContaining({ id: expect.stringContaining('ditransfer kembali ke rekening Anda') }),
      }),
    );
    expect((await t.http().get(`/orders/${id}`).set(bearer(other.token))).text).toMatch(/Rp\s?[\d.]+ sudah ditransfer kembali ke rekening pembeli\./);
  });

  it('lets admins edit the shipping rate table', async () => {
    const admin = await createStaffUser(t, 'admin');
    const rates = await t.http().get('/api/v1/shipping-rates');
    expect(rates.body.map((r: { zone: string }) => r.zone)).toEqual([
      'bali',
      'java',
      'nusa-tenggara',
      'sumatra',
      'kalimantan',
      'sulawesi',
      'maluku-papua',
      'asean',
      'asia-pacific',
      'europe',
      'americas',
      'rest',
    ]);
    const body = { rates: [{ zone: 'europe', firstKg: { amount: 60_000_000, currency: 'IDR' }, perKg: { amount: 25_000_000, currency: 'IDR' } }] };
    expect((await t.http().put('/api/v1/shipping-rates').set(bearer(buyer.token)).send(body)).status).toBe(403);
    const updated = await t.http().put('/api/v1/shipping-rates').set(bearer(admin.token)).send(body);
    expect(updated.status).toBe(200);
    expect(updated.body.find((r: { zone: string }) => r.zone === 'europe').firstKg.amount).toBe(60_000_000);
    const bad = await t
      .http()
      .put('/api/v1/shipping-rates')
      .set(bearer(admin.token))
      .send({ rates: [{ ...body.rates[0], zone: 'mars' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('rates[0].zone');

    await addToCart(t, other.token, basket.id, 1);
    const abroad = await checkout(t, other.token, { shippingAddress: { ...BALI_ADDRESS, postalCode: '10115', city: 'Berlin', country: 'de' } });
    expect(abroad.status).toBe(201);
    expect(abroad.body.orders[0].shipping).toEqual({ amount: 60_000_000, currency: 'IDR' });
  });

  it('seeds demo orders in several states for the demo buyers, once', async () => {
    await a.product({ stock: 50 });
    await b.product({ stock: 50 });
    const demo = await t.http().post('/api/v1/auth/register').send({ email: 'pembeli@demo.pasarkerthi.id', password: 'pasarkerthi123', name: 'Putu Pembeli', role: 'buyer' });
    const seeder = t.app.get(CommerceDemoSeeder);
    await seeder.seed();
    await seeder.seed();
    const orders = await t.http().get('/api/v1/orders').set(bearer(demo.body.token));
    expect(orders.body.items.map((o: { status: string }) => o.status).sort()).toEqual(['completed', 'paid', 'pending_payment', 'shipped']);
  });
});
