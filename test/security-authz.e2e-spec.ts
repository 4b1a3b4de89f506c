import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import sharp from 'sharp';
import type { Test } from 'supertest';
import { AUTH_POLICY, type AuthPolicy } from '#libs/identity';
import { verifyEmail } from './support/accounts.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/**
 * The authorization matrix, generated from the route table: every API route that takes an
 * id is called with the ids of someone else's resources as anonymous (→ 401) and as a
 * stranger of every role (→ 403 or 404). A new route with an id is covered at once; if its
 * id kind is unknown here the test fails and names it, so the fixture must grow with it.
 */

type Route = { method: string; path: string; policy: AuthPolicy };

// Routes any signed-in user may call on someone else's resource, by design.
const OPEN_TO_SIGNED_IN = new Set(['POST /api/v1/reviews/:id/report']);

function routeTable(t: TestApp): Route[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  const reflector = t.app.get(Reflector);
  const routes: Route[] = [];
  for (const controller of discovery.getControllers()) {
    const prototype = Object.getPrototypeOf(controller.instance);
    const base = String(Reflect.getMetadata(PATH_METADATA, controller.metatype as object) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
      const policy = reflector.getAllAndOverride<AuthPolicy>(AUTH_POLICY, [handler, controller.metatype as object]);
      routes.push({ method, path, policy });
    }
  }
  return routes.filter((r) => r.path.startsWith('/api/v1/') && r.path.includes('/:'));
}

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 180, g: 60, b: 20 } } })
    .png()
    .toBuffer();
}

describe('authorization matrix', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const bodies: Record<string, object> = {};
  let ownerToken = '';
  let buyerToken = '';
  let cooperativeAdminToken = '';
  let strangers: Array<{ role: string; token: string }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    const ok = (res: { status: number; text: string }, expected: number, what: string) => {
      if (res.status !== expected) throw new Error(`fixture ${what}: ${res.status} ${res.text.slice(0, 300)}`);
      return res as unknown as { body: Record<string, any> };
    };
    const owner = await registerUser(t, 'artisan', 'Pemilik');
    const buyer = await registerUser(t, 'buyer', 'Pembeli');
    ownerToken = owner.token;
    buyerToken = buyer.token;
    const admin = await createStaffUser(t, 'admin');
    const provincial = await createStaffUser(t, 'curator', { regency: null });
    const coopAdmin = await createStaffUser(t, 'coop_admin');

    const seller = ok(await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name: 'Tenun Ikat Pemilik', regency: 'gianyar', businessForm: 'individual' }), 201, 'seller');
    ids.seller = seller.body.id;
    const product = ok(
      await t
        .http()
        .post(`/api/v1/sellers/${ids.seller}/products`)
        .set(bearer(owner.token))
        .send({
          title: { id: 'Kain endek biru', en: 'Blue endek cloth' },
          description: { id: 'Tenun tangan', en: 'Hand woven' },
          categorySlug: 'endek',
          price: { amount: 25_000_000, currency: 'IDR' },
          stock: 20,
          status: 'active',
          weightGrams: 400,
        }),
      201,
      'product',
    );
    ids.product = product.body.id;
    ids.document = ok(await t.http().post(`/api/v1/sellers/${ids.seller}/documents`).set(bearer(owner.token)).send({ type: 'NIB', number: '1234567890123' }), 201, 'document').body.id;
    const csv = 'handle,title_id,category,price_idr,stock\nsarung,Sarung endek,endek,150000,3\n';
    ids.import = ok(await t.http().post(`/api/v1/sellers/${ids.seller}/imports`).set(bearer(owner.token)).attach('file', Buffer.from(csv), 'p.csv'), 202, 'import').body.id;
    ids.cooperative = ok(
      await t.http().post('/api/v1/cooperatives').set(bearer(admin.token)).send({ name: 'Koperasi Uji', regency: 'gianyar', registrationNumber: '123/BH/XXVII/2020' }),
      201,
      'cooperative',
    ).body.id;
    // The cooperative's own admin invites the seller; the invitation stays pending.
    cooperativeAdminToken = (await createStaffUser(t, 'coop_admin', { cooperativeId: ids.cooperative })).token;
    ids.invitation = ok(await t.http().post(`/api/v1/cooperatives/${ids.cooperative}/invitations`).set(bearer(cooperativeAdminToken)).send({ sellerId: ids.seller }), 201, 'invitation').body.id;

    ids.cartItem = ok(await t.http().post('/api/v1/cart/items').set(bearer(buyer.token)).send({ productId: ids.product, quantity: 1 }), 201, 'cart item').body.id;
    const address = { name: 'Putu', line1: 'Jl. Raya Ubud 1', city: 'Gianyar', postalCode: '80571', country: 'ID' };
    await t.http().post('/api/v1/cart/items').set(bearer(buyer.token)).send({ productId: ids.product, quantity: 1 });
    const checkout = ok(await t.http().post('/api/v1/checkout').set(bearer(buyer.token)).send({ paymentMethod: 'bank_transfer', shippingAddress: address }), 201, 'checkout');
    ids.order = checkout.body.orders[0].id;
    // A second order, completed, for the review routes.
    ids.cartItemLater = ok(await t.http().post('/api/v1/cart/items').set(bearer(buyer.token)).send({ productId: ids.product, quantity: 1 }), 201, 'cart item 2').body.id;
    const second = ok(await t.http().post('/api/v1/checkout').set(bearer(buyer.token)).send({ paymentMethod: 'bank_transfer', shippingAddress: address }), 201, 'checkout 2');
    const done = second.body.orders[0].id;
    for (const [to, who] of [
      ['paid', admin],
      ['processing', owner],
      ['shipped', owner],
      ['delivered', buyer],
      ['completed', buyer],
    ] as const) {
      ok(await t.http().post(`/api/v1/orders/${done}/transitions`).set(bearer(who.token)).send({ to, trackingNumber: 'JNE123' }), 200, `transition ${to}`);
    }
    const completed = ok(await t.http().get(`/api/v1/orders/${done}`).set(bearer(buyer.token)), 200, 'order');
    ids.orderLine = completed.body.lines[0].id;
    ids.review = ok(await t.http().post(`/api/v1/order-lines/${ids.orderLine}/review`).set(bearer(buyer.token)).send({ rating: 5, text: 'Bagus sekali' }), 201, 'review').body.id;
    // A third order, delivered, with a dispute for the dispute routes.
    ok(await t.http().post('/api/v1/cart/items').set(bearer(buyer.token)).send({ productId: ids.product, quantity: 1 }), 201, 'cart item for dispute');
    const third = ok(await t.http().post('/api/v1/checkout').set(bearer(buyer.token)).send({ paymentMethod: 'bank_transfer', shippingAddress: address }), 201, 'checkout 3').body.orders[0].id;
    for (const [to, who] of [
      ['paid', admin],
      ['processing', owner],
      ['shipped', owner],
      ['delivered', buyer],
    ] as const) {
      ok(await t.http().post(`/api/v1/orders/${third}/transitions`).set(bearer(who.token)).send({ to, trackingNumber: 'JNE123' }), 200, `transition ${to} (dispute)`);
    }
    ids.dispute = ok(await t.http().post(`/api/v1/orders/${third}/disputes`).set(bearer(buyer.token)).send({ reason: 'damaged', description: 'Rusak', requested: 'refund' }), 201, 'dispute').body.id;
    // The cart item was consumed by checkout: add one that stays.
    ids.cartItem = ok(await t.http().post('/api/v1/cart/items').set(bearer(buyer.token)).send({ productId: ids.product, quantity: 1 }), 201, 'cart item 3').body.id;
    // A payout and its batch, for the payout routes: the seller's money posted directly, its account set, an admin's run.
    const { LedgerService, platformAccount, sellerAccount } = await import('#libs/ledger');
    await t.db.transaction((m) =>
      t.app.get(LedgerService).post(m, {
        key: `authz:fund:${ids.seller}`,
        kind: 'adjustment',
        description: 'authz fixture',
        entries: [
          { account: platformAccount('clearing', 'bank_transfer'), amount: 10_000_000, type: 'adjustment' },
          { account: sellerAccount(ids.seller!, 'available'), amount: -10_000_000, type: 'adjustment' },
        ],
      }),
    );
    ok(
      await t.http().put(`/api/v1/sellers/${ids.seller}/payout-account`).set(bearer(owner.token)).send({ bankCode: 'BCA', accountNumber: '1234567890', accountHolderName: 'Pemilik' }),
      200,
      'payout account',
    );
    await verifyEmail(t, owner.user.id); // payouts need it
    const payoutRun = ok(await t.http().post('/api/v1/admin/payouts/run').set(bearer(admin.token)), 201, 'payout run');
    ids.payoutBatch = payoutRun.body.batchId;
    ids.payout = payoutRun.body.payouts.find((p: { sellerId?: string }) => p.sellerId === ids.seller).id;
    ids.session = ok(await t.http().get('/api/v1/me/sessions').set(bearer(owner.token)), 200, 'sessions').body.find((x: { current: boolean }) => x.current).id;

    ids.rfq = ok(
      await t.http().post('/api/v1/rfqs').set(bearer(buyer.token)).send({ productId: ids.product, quantity: 200, destinationCountry: 'AU', incoterm: 'FOB', message: 'Please quote' }),
      201,
      'rfq',
    ).body.id;
    const validUntil = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    bodies.quote = { unitPrice: { amount: 20_000_000, currency: 'IDR' }, leadTimeDays: 30, validUntil, incoterm: 'FOB' };
    ids.quote = ok(await t.http().post(`/api/v1/rfqs/${ids.rfq}/quotes`).set(bearer(owner.token)).send(bodies.quote), 201, 'quote').body.id;

    const draft = ok(await t.http().get(`/api/v1/sellers/${ids.seller}/storefront`).set(bearer(owner.token)), 200, 'storefront');
    bodies.storefront = draft.body.draft;
    ok(await t.http().put(`/api/v1/sellers/${ids.seller}/storefront`).set(bearer(owner.token)).send(bodies.storefront), 200, 'storefront save');
    ok(await t.http().post(`/api/v1/sellers/${ids.seller}/storefront/publish`).set(bearer(owner.token)), 200, 'publish');

    const featured = await t
      .http()
      .post('/api/v1/curation/featured')
      .set(bearer(provincial.token))
      .send({ sellerId: ids.seller, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    if (featured.status === 201) ids.featured = featured.body.id;

    const otherArtisan = await registerUser(t, 'artisan', 'Orang lain');
    ok(await t.http().post('/api/v1/sellers').set(bearer(otherArtisan.token)).send({ name: 'Perak Lain', regency: 'bangli', businessForm: 'individual' }), 201, 'other seller');
    strangers = [
      { role: 'buyer', token: (await registerUser(t, 'buyer')).token },
      { role: 'artisan', token: otherArtisan.token },
      { role: 'coop_admin', token: coopAdmin.token },
      { role: 'curator (other regency)', token: (await createStaffUser(t, 'curator', { regency: 'bangli' })).token },
    ];
  });
  afterAll(() => t.close());

  /** Which fixture id a path parameter stands for, from the segment before it. */
  function idFor(path: string, param: string): string | undefined {
    const before = path
      .split('/:' + param)[0]!
      .split('/')
      .pop();
    if (param === 'currency') return 'USD';
    const byCollection: Record<string, string | undefined> = {
      sellers: ids.seller,
      products: ids.product,
      imports: ids.import,
      cooperatives: ids.cooperative,
      'cooperative-invitations': ids.invitation,
      items: ids.cartItem,
      orders: ids.order,
      rfqs: ids.rfq,
      quotes: ids.quote,
      'order-lines': ids.orderLine,
      reviews: ids.review,
      documents: ids.document,
      featured: ids.featured,
      batches: ids.payoutBatch,
      payouts: ids.payout,
      sessions: ids.session,
      disputes: ids.dispute,
    };
    return byCollection[before ?? ''];
  }

  function bodyFor(route: Route): object | undefined {
    const key = `${route.method} ${route.path}`;
    const samples: Record<string, object> = {
      'PATCH /api/v1/sellers/:id': { name: 'Diambil alih' },
      'POST /api/v1/sellers/:id/documents': { type: 'NPWP', number: '1234567890123456' },
      'POST /api/v1/cooperatives/:id/members': { sellerId: ids.seller },
      'POST /api/v1/cooperatives/:id/invitations': { sellerId: ids.seller },
      'POST /api/v1/sellers/:sellerId/products': { title: { id: 'Produk asing' }, description: { id: 'x' }, categorySlug: 'endek', price: { amount: 1_000_000, currency: 'IDR' }, stock: 1 },
      'PATCH /api/v1/products/:id': { stock: 0 },
      'POST /api/v1/products/:id/stock-adjustments': { delta: -1 },
      'PATCH /api/v1/cart/items/:id': { quantity: 2 },
      'POST /api/v1/orders/:id/transitions': { to: 'cancelled', reason: 'tidak jadi' },
      'PUT /api/v1/sellers/:id/export-profile': { exportExperience: 'none', targetMarkets: ['AU'], productionCapacityPerMonth: 10, hasExportPlan: false },
      'POST /api/v1/rfqs/:id/quotes': bodies.quote!,
      'PUT /api/v1/sellers/:id/storefront': bodies.storefront!,
      'POST /api/v1/sellers/:id/storefront/rollback': { version: 1 },
      'POST /api/v1/order-lines/:id/review': { rating: 1, text: 'Palsu' },
      'POST /api/v1/reviews/:id/reply': { text: 'Balasan palsu' },
      'POST /api/v1/curation/reviews/:id/decision': { decision: 'hide', reason: 'spam' },
      'POST /api/v1/curation/documents/:id/decision': { decision: 'approve' },
      'POST /api/v1/curation/sellers/:id/suspend': { reason: 'uji' },
      'POST /api/v1/curation/sellers/:id/reinstate': { reason: 'uji' },
      'POST /api/v1/curation/sellers/:id/regency': { regency: 'bangli', reason: 'uji' },
      'POST /api/v1/curation/sellers/:id/assessments': { scores: { legality: 3, productQuality: 3, packagingLabelling: 3, capacityContinuity: 3, marketReach: 3, uniqueness: 3 }, feedback: 'ok' },
      'PUT /api/v1/exchange-rates/:currency': { rate: 0.00006, asOf: '2026-11-01' },
      'PUT /api/v1/cooperatives/:id/fees': { memberFeeBps: 100 },
      'PUT /api/v1/sellers/:id/payout-account': { bankCode: 'BCA', accountNumber: '9999999999', accountHolderName: 'Pencuri' },
      'PUT /api/v1/cooperatives/:id/payout-account': { bankCode: 'BCA', accountNumber: '9999999999', accountHolderName: 'Pencuri' },
      'POST /api/v1/admin/payouts/:id/mark-paid': { bankReference: 'PALSU-1' },
      'POST /api/v1/admin/payouts/:id/mark-failed': { reason: 'Palsu sekali' },
      'POST /api/v1/orders/:id/disputes': { reason: 'damaged', description: 'Palsu', requested: 'refund' },
      'PUT /api/v1/sellers/:id/shipping-rates': { rates: [{ zone: 'bali', service: 'reguler', firstKg: { amount: 1, currency: 'IDR' }, perKg: { amount: 1, currency: 'IDR' } }] },
      'POST /api/v1/disputes/:id/response': { action: 'accept', message: 'Palsu' },
      'POST /api/v1/disputes/:id/decision': { outcome: 'refund', reason: 'Palsu' },
    };
    return samples[key];
  }

  async function call(route: Route, token?: string): Promise<{ status: number; text: string }> {
    let url = route.path;
    for (const [, param] of route.path.matchAll(/:(\w+)/g)) url = url.replace(`:${param}`, idFor(route.path, param!)!);
    let req = (t.http() as unknown as Record<string, (u: string) => Test>)[route.method.toLowerCase()]!(url);
    if (token) req = req.set(bearer(token));
    if (route.path.endsWith('/media')) return req.attach('file', await png(), 'a.png');
    if (route.path.endsWith('/imports')) return req.attach('file', Buffer.from('handle,title_id,category,price_idr,stock\nx,X,endek,1000,1\n'), 'a.csv');
    const body = bodyFor(route);
    return body ? req.send(body) : req;
  }

  it('knows every route with an id', () => {
    const unknown = routeTable(t).flatMap((route) => [...route.path.matchAll(/:(\w+)/g)].filter(([, p]) => !idFor(route.path, p!)).map(([, p]) => `${route.method} ${route.path} (:${p})`));
    expect(unknown).toEqual([]);
  });

  it('refuses anonymous callers and strangers of every role on others’ resources', async () => {
    const failures: string[] = [];
    const routes = routeTable(t).filter((r) => !(r.policy.public && r.method === 'GET'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (!route.policy.public) {
        const anonymous = await call(route);
        if (anonymous.status !== 401) failures.push(`anonymous ${key} → ${anonymous.status}`);
      }
      if (OPEN_TO_SIGNED_IN.has(key) || route.policy.public) continue;
      for (const stranger of strangers) {
        const response = await call(route, stranger.token);
        if (![403, 404].includes(response.status)) failures.push(`${stranger.role} ${key} → ${response.status} ${response.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('still lets the owners read their own resources (the ids above are right)', async () => {
    const own = routeTable(t).filter((r) => r.method === 'GET' && !r.policy.public);
    for (const route of own) {
      const token = route.path.startsWith('/api/v1/cooperatives')
        ? cooperativeAdminToken
        : /orders|rfqs|order-lines|cart/.test(route.path) && !route.path.startsWith('/api/v1/sellers')
          ? buyerToken
          : ownerToken;
      const response = await call(route, token);
      if (route.path.startsWith('/api/v1/curation') || route.path.startsWith('/api/v1/admin') || route.path.includes('readiness-summary') || route.path.includes('exchange-rates')) continue;
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({ route: `${route.method} ${route.path}`, status: 200 });
    }
  });
});
