import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { addToCart, BALI_ADDRESS, checkout, createSeller, tokenFor } from './support/commerce.js';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

type Session = Awaited<ReturnType<typeof registerUser>>;
type Seller = Awaited<ReturnType<typeof createSeller>>;

describe('personal data: export and account closure (UU PDP)', () => {
  let t: TestApp;
  let seller: Seller;
  let product: { id: string };

  const move = async (token: string, orderId: string, to: string) => {
    const extra = to === 'shipped' ? { trackingNumber: `JNE${randomBytes(4).toString('hex')}` } : {};
    const response = await t
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(token))
      .send({ to, ...extra });
    expect(response.status).toBe(200);
  };

  /** Cart → checkout, then along `path`; answers the order's id, first line and total. */
  const order = async (buyer: Session, path: string[]) => {
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token, { shippingAddress: { ...BALI_ADDRESS, name: 'Ni Luh Putu Sari', phone: '+62 812 3456 7890' } });
    expect(placed.status).toBe(201);
    const id = placed.body.orders[0].id as string;
    for (const to of path) await move(await tokenFor(t, to, { buyer: buyer.token, seller: seller.owner.token }), id, to);
    const view = await t.http().get(`/api/v1/orders/${id}`).set(bearer(buyer.token));
    return { id, lineId: view.body.lines[0].id as string, total: view.body.total.amount as number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    seller = await createSeller(t, 'Anyaman Tenganan');
    product = await seller.product({ stock: 50 });
  });
  afterAll(() => t.close());

  it('exports everything held about the caller: profile, sessions, orders with their address, reviews, notifications', async () => {
    const buyer = await registerUser(t, 'buyer', 'Ni Luh Putu Sari');
    const completed = await order(buyer, ['paid', 'processing', 'shipped', 'delivered', 'completed']);
    expect((await t.http().post(`/api/v1/order-lines/${completed.lineId}/review`).set(bearer(buyer.token)).send({ rating: 5, text: 'Anyamannya rapi sekali.' })).status).toBe(201);
    await t.drainJobs();

    const response = await t.http().get('/api/v1/me/data-export').set(bearer(buyer.token));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-disposition']).toContain('attachment');
    const data = response.body;
    expect(data.profile).toMatchObject({ id: buyer.user.id, email: buyer.email, name: 'Ni Luh Putu Sari' });
    expect(data.profile).not.toHaveProperty('password_hash');
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.twoFactor).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(data.orders.bought).toEqual([
      expect.objectContaining({ id: completed.id, status: 'completed', shippingAddress: expect.objectContaining({ name: 'Ni Luh Putu Sari', phone: '+62 812 3456 7890' }) }),
    ]);
    expect(data.orders.bought[0].lines[0]).toMatchObject({ productId: product.id, quantity: 1 });
    expect(data.reviews.written).toEqual([expect.objectContaining({ rating: 5, text: 'Anyamannya rapi sekali.', productId: product.id })]);
    expect(data.notifications.length).toBeGreaterThan(0);
    expect(data).toHaveProperty('rfqs');
    expect(data).toHaveProperty('disputes');

    // Another person's export says nothing of this buyer.
    const other = await registerUser(t, 'buyer');
    const theirs = await t.http().get('/api/v1/me/data-export').set(bearer(other.token));
    expect(theirs.body.orders.bought).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain(buyer.email);
  });

  it('closes the account at once: orders kept with their totals but no identity, reviews anonymised, notifications gone, sign-in refused', async () => {
    const buyer = await registerUser(t, 'buyer', 'Made Wirawan');
    const completed = await order(buyer, ['paid', 'processing', 'shipped', 'delivered', 'completed']);
    expect((await t.http().post(`/api/v1/order-lines/${completed.lineId}/review`).set(bearer(buyer.token)).send({ rating: 4, text: 'Bagus.' })).status).toBe(201);
    await t.drainJobs();
    const otherSession = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });

    const wrong = await t.http().delete('/api/v1/me').set(bearer(buyer.token)).send({ password: 'not-my-password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.errors).toEqual([{ field: 'password', message: 'is wrong' }]);

    const closed = await t.http().delete('/api/v1/me').set(bearer(buyer.token)).send({ password: buyer.password });
    expect(closed.status).toBe(202);

    // Every session ended, and the password no longer signs in.
    expect((await t.http().get('/api/v1/me').set(bearer(buyer.token))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer(otherSession.body.token))).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password })).status).toBe(401);

    // In the database: the order stays with its money, without the buyer's identity.
    const [row] = await t.db.query(`SELECT total_amount, status, shipping_address FROM orders WHERE id = $1`, [completed.id]);
    expect(Number(row.total_amount)).toBe(completed.total);
    expect(row.status).toBe('completed');
    expect(row.shipping_address).toEqual({ name: 'Dihapus', line1: 'Dihapus', city: 'Dihapus', postalCode: 'Dihapus', phone: 'Dihapus', country: 'ID' });
    const [user] = await t.db.query(`SELECT email, name, closed_at FROM users WHERE id = $1`, [buyer.user.id]);
    expect(user.email).not.toContain(buyer.email.split('@')[0]);
    expect(user.name).toBe('Dihapus');
    expect(user.closed_at).not.toBeNull();
    expect(await t.db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [buyer.user.id])).toEqual([]);
    expect(JSON.stringify(await t.db.query(`SELECT * FROM orders WHERE buyer_id = $1`, [buyer.user.id]))).not.toContain('Made Wirawan');
    // The review keeps its rating for other shoppers, with no name beside it.
    const reviews = await t.http().get(`/api/v1/products/${product.id}/reviews`);
    expect(JSON.stringify(reviews.body)).not.toContain('Made Wirawan');
    expect(JSON.stringify(reviews.body)).toContain('Bagus.');

    // The seller still sees the order, without the buyer's address or name.
    const sellerView = await t.http().get(`/api/v1/orders/${completed.id}`).set(bearer(seller.owner.token));
    expect(sellerView.status).toBe(200);
    expect(JSON.stringify(sellerView.body)).not.toContain('Jl. Raya Ubud');
    expect(JSON.stringify(sellerView.body)).not.toContain('+62 812');
  });

  it('tells a seller with an open order and unpaid balance what to close first (409), and keeps the account', async () => {
    const shop = await createSeller(t, 'Perak Celuk');
    const silver = await shop.product({ stock: 10 });
    const buyer = await registerUser(t, 'buyer');
    expect((await addToCart(t, buyer.token, silver.id, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token);
    const orderId = placed.body.orders[0].id as string;

    const refused = await t.http().delete('/api/v1/me').set(bearer(shop.owner.token)).send({ password: shop.owner.password });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toContain(orderId);
    expect(refused.body.open).toEqual([expect.stringContaining(`order sold ${orderId} is pending payment`)]);
    // The buyer of that open order is told the same.
    const buyerRefused = await t.http().delete('/api/v1/me').set(bearer(buyer.token)).send({ password: buyer.password });
    expect(buyerRefused.status).toBe(409);
    expect(buyerRefused.body.detail).toContain(orderId);
    // Nothing was erased.
    expect((await t.http().get('/api/v1/me').set(bearer(shop.owner.token))).status).toBe(200);
    const [address] = await t.db.query(`SELECT shipping_address->>'name' AS name FROM orders WHERE id = $1`, [orderId]);
    expect(address.name).toBe(BALI_ADDRESS.name);

    // Once the order is completed, the money the ledger holds for the seller blocks it instead.
    for (const to of ['paid', 'processing', 'shipped', 'delivered', 'completed']) await move(await tokenFor(t, to, { buyer: buyer.token, seller: shop.owner.token }), orderId, to);
    await t.drainJobs();
    const balance = await t.http().delete('/api/v1/me').set(bearer(shop.owner.token)).send({ password: shop.owner.password });
    expect(balance.status).toBe(409);
    expect(balance.body.open).toEqual([expect.stringContaining(`seller ${shop.sellerId} has an unpaid balance (available Rp`)]);
    // The buyer, whose order is done, may go.
    expect((await t.http().delete('/api/v1/me').set(bearer(buyer.token)).send({ password: buyer.password })).status).toBe(202);
  });

  it('offers the export and closing on the account page, and closes through a form without JavaScript', async () => {
    const buyer = await registerUser(t, 'buyer');
    const browser = await signInWithForm(t, buyer, '/dashboard/account');
    const account = await browser.get('/dashboard/account');
    expect(account.text).toContain('href="/api/v1/me/data-export"');
    expect(account.text).toContain('href="/dashboard/account/close"');
    const download = await browser.get('/api/v1/me/data-export');
    expect(download.status).toBe(200);
    expect(download.body.profile.email).toBe(buyer.email);

    const form = await browser.get('/dashboard/account/close');
    const wrong = await browser
      .post('/dashboard/account/close')
      .type('form')
      .send({ _csrf: csrfOf(form.text), password: 'salah-sekali-1' });
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain('Kata sandi salah');
    const done = await browser
      .post('/dashboard/account/close')
      .type('form')
      .send({ _csrf: csrfOf(wrong.text), password: buyer.password });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/privacy?closed=1');
    expect((await browser.get('/privacy?closed=1')).text).toContain('Akun Anda sudah ditutup');
    expect((await browser.get('/api/v1/me')).status).toBe(401);
  });

  it('explains on /privacy what is held, why, for how long and how to ask, in Indonesian and English', async () => {
    const id = await t.http().get('/privacy');
    expect(id.status).toBe(200);
    expect(id.text).toContain('Privasi dan data pribadi');
    expect(id.text).toContain('10 tahun');
    expect(id.text).toContain('Cara bertanya');
    const en = await t.http().get('/privacy?lang=en');
    expect(en.text).toContain('Privacy and personal data');
    expect(en.text).toContain('How to ask');
    expect(en.text).toContain('Law 27/2022');
  });
});
