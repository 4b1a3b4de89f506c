import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { addToCart, BALI_ADDRESS, checkout, createSeller } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/** The findings of the security review, each tried the way an attacker would. */
describe('security review: stalls, self-dealing, shipping zones', () => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let product: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    seller = await createSeller(t, 'Tenun Gringsing');
    product = await seller.product({ stock: 20 });
  });
  afterAll(() => t.close());

  const csrfAgent = async () => {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/register');
    return { agent, csrf: /name="_csrf" value="([^"]+)"/.exec(form.text)![1]! };
  };

  it('answers a hostile sign-up email at once, and other requests meanwhile, on the form and the API', async () => {
    // Long runs of dots and no closing label: the shape that made the old pattern backtrack for seconds.
    const hostile = `a@${'.'.repeat(19_000)}@`;
    const huge = `a@${'.'.repeat(900_000)}@`;
    const { agent, csrf } = await csrfAgent();
    const [form, hugeForm, api, health] = await Promise.all([
      agent.post('/register').type('form').send({ _csrf: csrf, name: 'Ketut', email: hostile, password: 'panjang-sekali', role: 'buyer' }),
      agent.post('/register').type('form').send({ _csrf: csrf, name: 'Ketut', email: huge, password: 'panjang-sekali', role: 'buyer' }),
      t.http().post('/api/v1/auth/register').send({ email: hostile, password: 'panjang-sekali', name: 'Ketut', role: 'buyer' }),
      t.http().get('/health'),
    ]);
    expect(form.status).toBe(422);
    expect(form.text).toContain('Masukkan alamat email yang benar');
    expect(hugeForm.status).toBe(422);
    expect(api.status).toBe(422);
    expect(api.body.errors.map((e: { field: string }) => e.field)).toContain('email');
    expect(health.status).toBe(200);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE name = 'Ketut'`);
    expect(count).toBe(0);
  });

  it('refuses any field longer than the longest text a form takes, naming it, before a handler reads it', async () => {
    const buyer = await registerUser(t, 'buyer');
    const long = await t
      .http()
      .patch('/api/v1/me')
      .set(bearer(buyer.token))
      .send({ name: 'x'.repeat(20_001) });
    expect(long.status).toBe(422);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.body.errors).toEqual([{ field: 'name', message: 'must be at most 20000 characters' }]);
    const { agent, csrf } = await csrfAgent();
    const form = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: 'x'.repeat(30_000), password: 'y' });
    expect(form.status).toBe(422);
    expect(form.text).toContain('email');
  });

  it('does not let an artisan buy from its own seller, in the cart, at checkout or by RFQ', async () => {
    const added = await addToCart(t, seller.owner.token, product.id, 1);
    expect(added.status).toBe(409);
    expect(added.body.detail).toContain('You manage this seller');
    expect(added.body.errors).toEqual([{ field: 'productId', message: 'is sold by a seller you manage' }]);

    // A guest cart joined at sign-in still cannot be checked out.
    const guest = supertest.agent(t.app.getHttpServer());
    // The product page is stored for every visitor without a session, so its form has no token: the browser's Sec-Fetch-Site vouches for it.
    expect((await guest.get(`/products/${product.id}`)).text).toContain('action="/cart/items"');
    expect((await guest.post('/cart/items').set('Sec-Fetch-Site', 'same-origin').type('form').send({ productId: product.id, quantity: 1 })).status).toBe(303);
    const login = await guest.get('/login');
    const signedIn = await guest
      .post('/login')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(login.text)![1], email: seller.owner.email, password: seller.owner.password, next: '/cart' });
    expect(signedIn.status).toBe(303);
    await guest.get('/cart');
    const stockBefore = (await t.db.query(`SELECT stock FROM products WHERE id = $1`, [product.id]))[0].stock;
    const placed = await checkout(t, seller.owner.token);
    expect(placed.status).toBe(409);
    expect(placed.body.errors[0].field).toBe('cart');
    expect((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [product.id]))[0].stock).toBe(stockBefore);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE buyer_id = $1`, [seller.owner.user.id]))[0].n).toBe(0);

    const rfq = await t.http().post('/api/v1/rfqs').set(bearer(seller.owner.token)).send({ productId: product.id, quantity: 200, destinationCountry: 'AU', incoterm: 'FOB', message: 'Quote me' });
    expect([403, 409]).toContain(rfq.status);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM rfqs WHERE buyer_id = $1`, [seller.owner.user.id]))[0].n).toBe(0);
  });

  it('does not let a cooperative admin buy from a member seller, while an admin and other buyers may', async () => {
    const [coop] = await t.db.query(`INSERT INTO cooperatives (name, regency, registration_number) VALUES ('Koperasi Gringsing', 'karangasem', '77/BH/2021') RETURNING id`);
    await t.db.query(`UPDATE sellers SET cooperative_id = $1 WHERE id = $2`, [coop.id, seller.sellerId]);
    const coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId: coop.id });
    expect((await addToCart(t, coopAdmin.token, product.id, 1)).status).toBe(409);
    const admin = await createStaffUser(t, 'admin');
    expect((await addToCart(t, admin.token, product.id, 1)).status).toBe(201);
    const buyer = await registerUser(t, 'buyer');
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    expect((await checkout(t, buyer.token)).status).toBe(201);
  });

  it('prices shipping by the postal code, whatever region the buyer types', async () => {
    const buyer = await registerUser(t, 'buyer');
    const shippingTo = async (address: Record<string, unknown>) => {
      await addToCart(t, buyer.token, product.id, 1);
      const placed = await checkout(t, buyer.token, { shippingAddress: { ...BALI_ADDRESS, ...address } });
      expect(placed.status).toBe(201);
      return placed.body.orders[0].shipping.amount as number;
    };
    const bali = await shippingTo({});
    const papua = await shippingTo({ city: 'Jayapura', postalCode: '99111' });
    const papuaCalledBali = await shippingTo({ city: 'Jayapura', postalCode: '99111', region: 'bali' });
    expect(papua).toBeGreaterThan(bali);
    expect(papuaCalledBali).toBe(papua);
  });
});
