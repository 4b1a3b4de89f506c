import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addToCart, adminToken, checkout, createSeller, stockOf, type Session } from './support/commerce.js';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const idr = (amount: number) => ({ amount, currency: 'IDR' });
const day = (fromToday: number) => new Date(Date.now() + fromToday * 86_400_000).toISOString().slice(0, 10);

describe('shipping: made to order and accepted quotes take no ready stock', () => {
  let t: TestApp;
  let buyer: Session;
  let seller: Awaited<ReturnType<typeof createSeller>>;

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await registerUser(t, 'buyer', 'Emma Buyer');
    seller = await createSeller(t, 'Tenun Sidemen');
  });
  afterAll(() => t?.close());

  it('accepts a quote for 200 units with 5 on the shelf; the shelf still holds 5 and the order shows its ship-by date', async () => {
    const product = await seller.product();
    expect(await stockOf(t, product.id)).toBe(5);
    const rfq = await t
      .http()
      .post('/api/v1/rfqs')
      .set(bearer(buyer.token))
      .send({ productId: product.id, quantity: 200, destinationCountry: 'AU', incoterm: 'FOB', message: 'For our shop in Sydney' });
    expect(rfq.status).toBe(201);
    const quote = await t
      .http()
      .post(`/api/v1/rfqs/${rfq.body.id}/quotes`)
      .set(bearer(seller.owner.token))
      .send({ unitPrice: idr(12_000_000), leadTimeDays: 30, validUntil: day(14), incoterm: 'FOB' });
    expect(quote.status).toBe(201);

    const accepted = await t.http().post(`/api/v1/quotes/${quote.body.id}/accept`).set(bearer(buyer.token));
    expect(accepted.status).toBe(201);
    expect(accepted.body.order).toMatchObject({ status: 'pending_payment', shipBy: day(30), lines: [expect.objectContaining({ quantity: 200 })] });
    expect(await stockOf(t, product.id)).toBe(5);

    // The seller's order page shows the promise.
    const page = await t.http().get(`/orders/${accepted.body.order.id}`).set(bearer(seller.owner.token));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kirim paling lambat');

    // Cancelled unpaid, it gives back nothing it never took.
    const cancelled = await t.http().post(`/api/v1/orders/${accepted.body.order.id}/transitions`).set(bearer(buyer.token)).send({ to: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect(await stockOf(t, product.id)).toBe(5);
  });

  it('sells a made-to-order product beyond its stock, with the production time as the ship-by date, listed for the seller by that date', async () => {
    const product = await seller.product({ stock: 0, madeToOrder: true, productionDays: 10 });
    expect(product).toMatchObject({ madeToOrder: true, productionDays: 10 });
    const noDays = await t
      .http()
      .post(`/api/v1/sellers/${seller.sellerId}/products`)
      .set(bearer(seller.owner.token))
      .send({ title: { id: 'Tanpa waktu' }, description: { id: 'Dibuat sesuai pesanan.' }, categorySlug: 'anyaman-bambu', price: idr(10_000_000), stock: 0, madeToOrder: true });
    expect(noDays.status).toBe(422);
    expect(noDays.body.errors[0].field).toBe('productionDays');

    expect((await addToCart(t, buyer.token, product.id, 3)).status).toBe(201);
    const done = await checkout(t, buyer.token);
    expect(done.status).toBe(201);
    const order = await t.http().get(`/api/v1/orders/${done.body.orders[0].id}`).set(bearer(buyer.token));
    expect(order.body).toMatchObject({ shipBy: day(10) });
    expect(await stockOf(t, product.id)).toBe(0);

    // The seller's dashboard lists orders by the date they must ship.
    const sorted = await t.http().get(`/api/v1/sellers/${seller.sellerId}/orders?sort=ship_by`).set(bearer(seller.owner.token));
    expect(sorted.body.items.map((o: { shipBy: string | null }) => o.shipBy)).toEqual([day(10), day(30)]);
    const dashboard = await t.http().get(`/dashboard/sellers/${seller.sellerId}/orders?sort=ship_by`).set(bearer(seller.owner.token));
    expect(dashboard.text).toContain('Kirim paling lambat');
  });
});

type Mode = 'ok' | 'down' | 'slow';

/** A local stand-in for the Biteship API endpoints the app calls, speaking its wire format (no network here). */
async function fakeBiteship() {
  const requests: Array<{ method: string; path: string; authorization?: string; body: Record<string, unknown> }> = [];
  const state = { rates: 'ok' as Mode, orders: new Map<string, { status: string; reference_id: string; courier: Record<string, unknown> }>() };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization, body });
      const send = (status: number, payload: unknown) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== BITESHIP_KEY) return send(401, { success: false, error: 'Authentication failed', code: 40101001 });
      const order = /^\/v1\/orders\/([^/]+)$/.exec(req.url!);
      if (req.method === 'POST' && req.url === '/v1/rates/couriers') {
        if (state.rates === 'down') return send(500, { success: false, error: 'Internal error' });
        const items = body.items as Array<{ weight: number; quantity: number }>;
        const kg = Math.max(1, Math.ceil(items.reduce((sum, i) => sum + i.weight * i.quantity, 0) / 1000));
        const pricing = [
          { courier_code: 'jne', courier_service_code: 'reg', courier_service_name: 'Reguler', price: 18_000 * kg, duration: '2 - 3 days' },
          { courier_code: 'sicepat', courier_service_code: 'reg', courier_service_name: 'Reguler', price: 16_000 * kg, duration: '2 - 4 days' },
          { courier_code: 'jne', courier_service_code: 'yes', courier_service_name: 'Yakin Esok Sampai', price: 32_000 * kg, duration: '1 - 1 days' },
        ];
        const answer = () => send(200, { success: true, object: 'courier_pricing', origin: {}, destination: {}, pricing });
        return state.rates === 'slow' ? void setTimeout(answer, 3000) : answer();
      }
      if (req.method === 'POST' && req.url === '/v1/orders') {
        const id = `bs_${state.orders.size + 1}`;
        const courier = {
          company: body.courier_company,
          type: body.courier_type,
          waybill_id: `WYB${1000 + state.orders.size}`,
          tracking_id: `trk_${id}`,
          link: `https://track.example/${id}`,
          history: [],
        };
        state.orders.set(id, { status: 'confirmed', reference_id: body.reference_id as string, courier });
        return send(200, { success: true, object: 'order', id, reference_id: body.reference_id, status: 'confirmed', courier, price: 18_000 });
      }
      if (req.method === 'GET' && order) {
        const found = state.orders.get(order[1]!);
        return found ? send(200, { success: true, object: 'order', id: order[1], ...found }) : send(404, { success: false, error: 'Order not found', code: 40402001 });
      }
      send(404, { success: false, error: `No route ${req.url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, state, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const BITESHIP_KEY = 'biteship_test.pasarkerthi';
const JAKARTA = { country: 'ID', postalCode: '10110' };
const SYDNEY = { country: 'AU', postalCode: '2000' };
const JAKARTA_ADDRESS = { name: 'Budi', line1: 'Jl. Merdeka 1', city: 'Jakarta Pusat', postalCode: '10110', country: 'ID', phone: '+628111000111' };
const SHIP_FROM = { line1: 'Jl. Raya Sidemen 5', district: 'Sidemen', city: 'Karangasem', postalCode: '80864', phone: '081234567890' };

const rates = (t: TestApp, items: Array<{ productId: string; quantity: number }>, destination: Record<string, string>) => t.http().post('/api/v1/shipping/rates').send({ items, destination });

describe('shipping: charged weight and zone tables (no provider)', () => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let plain: Awaited<ReturnType<typeof createSeller>>;
  let buyer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    seller = await createSeller(t, 'Bambu Tabanan');
    plain = await createSeller(t, 'Gerabah Pejaten');
    buyer = await registerUser(t, 'buyer', 'Budi');
    const table = await t
      .http()
      .put(`/api/v1/sellers/${seller.sellerId}/shipping-rates`)
      .set(bearer(seller.owner.token))
      .send({
        rates: [
          { zone: 'java', service: 'reguler', firstKg: idr(1_500_000), perKg: idr(1_000_000), etaDays: { min: 2, max: 4 } },
          { zone: 'java', service: 'kilat', firstKg: idr(3_000_000), perKg: idr(2_000_000), etaDays: { min: 1, max: 2 } },
          { zone: 'asia-pacific', service: 'ems', firstKg: idr(25_000_000), perKg: idr(10_000_000) },
        ],
      });
    expect(table.status).toBe(200);
    expect(table.body).toHaveLength(3);
  });
  afterAll(() => t?.close());

  it('keeps a seller-only zone table and refuses services that do not fit the zone', async () => {
    const abroad = await t
      .http()
      .put(`/api/v1/sellers/${seller.sellerId}/shipping-rates`)
      .set(bearer(seller.owner.token))
      .send({ rates: [{ zone: 'europe', service: 'kilat', firstKg: idr(1), perKg: idr(1) }] });
    expect(abroad.status).toBe(422);
    expect(abroad.body.errors[0].field).toBe('rates[0].service');
    const stranger = await registerUser(t, 'artisan');
    expect((await t.http().put(`/api/v1/sellers/${seller.sellerId}/shipping-rates`).set(bearer(stranger.token)).send({ rates: [] })).status).toBe(403);
    const read = await t.http().get(`/api/v1/sellers/${seller.sellerId}/shipping-rates`).set(bearer(seller.owner.token));
    expect(read.body[0]).toMatchObject({ zone: 'java', service: 'kilat', name: 'Kilat', firstKg: idr(3_000_000) });
  });

  it("sets the seller's ship-from address on its settings page, without JavaScript", async () => {
    const browser = await signInWithForm(t, seller.owner, `/dashboard/sellers/${seller.sellerId}/edit`);
    const form = await browser.get(`/dashboard/sellers/${seller.sellerId}/edit`);
    expect(form.text).toContain('Alamat pengiriman (asal paket)');
    const fields = { _csrf: csrfOf(form.text), name: 'Bambu Tabanan', businessForm: 'individual', shipFrom_line1: 'Jl. Raya Kediri 9', shipFrom_city: 'Tabanan', shipFrom_phone: '081234567890' };
    const wrong = await browser
      .post(`/dashboard/sellers/${seller.sellerId}/edit`)
      .type('form')
      .send({ ...fields, shipFrom_postalCode: '821' });
    expect(wrong.text).toContain('id="shipFrom_postalCode-error"');
    const saved = await browser
      .post(`/dashboard/sellers/${seller.sellerId}/edit`)
      .type('form')
      .send({ ...fields, shipFrom_postalCode: '82121' });
    expect(saved.status).toBe(303);
    const again = await browser.get(`/dashboard/sellers/${seller.sellerId}/edit`);
    expect(again.text).toContain('value="82121"');
    expect(again.text).toContain('value="+6281234567890"');
  });

  it('charges the volumetric weight when a light parcel is bulky: /6000 at home, /5000 abroad, rounded up per kilogram', async () => {
    // 40 × 30 × 20 cm = 24 000 cm³: 4 kg at home (÷ 6000), 4.8 → 5 kg abroad (÷ 5000); it weighs 350 g.
    const basket = await seller.product({ weightGrams: 350, lengthCm: 40, widthCm: 30, heightCm: 20 });
    expect(basket).toMatchObject({ lengthCm: 40, widthCm: 30, heightCm: 20 });
    const home = await rates(t, [{ productId: basket.id, quantity: 1 }], JAKARTA);
    expect(home.status).toBe(200);
    expect(home.body.sellers).toEqual([
      {
        sellerId: seller.sellerId,
        chargedWeightGrams: 4000,
        options: [
          { courier: 'seller', service: 'reguler', name: 'Reguler', price: idr(1_500_000 + 3 * 1_000_000), etaDays: { min: 2, max: 4 } },
          { courier: 'seller', service: 'kilat', name: 'Kilat', price: idr(3_000_000 + 3 * 2_000_000), etaDays: { min: 1, max: 2 } },
        ],
      },
    ]);
    const abroad = await rates(t, [{ productId: basket.id, quantity: 1 }], SYDNEY);
    expect(abroad.body.sellers[0]).toMatchObject({ chargedWeightGrams: 5000, options: [{ service: 'ems', name: 'EMS', price: idr(25_000_000 + 4 * 10_000_000) }] });

    // A heavy, small parcel goes by its actual weight: 2 × 1.2 kg = 2.4 → 3 kg.
    const pot = await seller.product({ weightGrams: 1200, lengthCm: 10, widthCm: 10, heightCm: 10 });
    const heavy = await rates(t, [{ productId: pot.id, quantity: 2 }], JAKARTA);
    expect(heavy.body.sellers[0]).toMatchObject({ chargedWeightGrams: 3000 });
    expect(heavy.body.sellers[0].options[0]).toMatchObject({ service: 'reguler', price: idr(1_500_000 + 2 * 1_000_000) });

    const bad = await rates(t, [{ productId: pot.id, quantity: 1 }], { country: 'ID', postalCode: '00000' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('destination.postalCode');
  });

  it('takes sizes from a variant of its own, and from the CSV columns length_cm, width_cm, height_cm', async () => {
    const lamp = await seller.product({
      weightGrams: 500,
      variants: [
        { sku: 'LAMPU-S', options: { Ukuran: 'S' }, stock: 2 },
        { sku: 'LAMPU-XL', options: { Ukuran: 'XL' }, stock: 2, weightGrams: 900, lengthCm: 60, widthCm: 50, heightCm: 40 },
      ],
    });
    expect(lamp.variants[1]).toMatchObject({ weightGrams: 900, dimensions: { lengthCm: 60, widthCm: 50, heightCm: 40 } });
    const answer = await t
      .http()
      .post('/api/v1/shipping/rates')
      .send({
        items: [
          { productId: lamp.id, variantId: lamp.variants[0]!.id, quantity: 1 },
          { productId: lamp.id, variantId: lamp.variants[1]!.id, quantity: 1 },
        ],
        destination: JAKARTA,
      });
    // 0.5 kg, plus 60 × 50 × 40 / 6000 = 20 kg for the large one: 20.5 → 21 kg.
    expect(answer.body.sellers[0].chargedWeightGrams).toBe(21_000);

    const csv = [
      'handle,title_id,category,price_idr,stock,weight_grams,length_cm,width_cm,height_cm',
      'tikar,Tikar pandan,anyaman-bambu,90000,4,700,120,30,30',
      'bakul,Bakul bambu,anyaman-bambu,40000,4,300,20,wide,20',
    ].join('\n');
    const submitted = await t.http().post(`/api/v1/sellers/${seller.sellerId}/imports`).set(bearer(seller.owner.token)).attach('file', Buffer.from(csv), 'katalog.csv');
    expect(submitted.status).toBe(202);
    await t.drainJobs();
    const report = await t.http().get(`/api/v1/imports/${submitted.body.id}`).set(bearer(seller.owner.token));
    expect(report.body).toMatchObject({ status: 'done', created: 1, errors: [{ row: 3, field: 'width_cm' }] });
    const listed = await t.http().get(`/api/v1/sellers/${seller.sellerId}/products?perPage=50`);
    const mat = listed.body.items.find((p: { handle: string }) => p.handle === 'tikar');
    expect(mat).toMatchObject({ weightGrams: 700, lengthCm: 120, widthCm: 30, heightCm: 30 });
    // 120 × 30 × 30 / 6000 = 18 kg, though it weighs 0.7 kg.
    expect((await rates(t, [{ productId: mat.id, quantity: 1 }], JAKARTA)).body.sellers[0].chargedWeightGrams).toBe(18_000);
  });

  it("prices a seller without a table from the platform's rates, as before", async () => {
    const product = await plain.product({ weightGrams: 1500 });
    const platform = (await t.http().get('/api/v1/shipping-rates')).body.find((r: { zone: string }) => r.zone === 'java');
    const home = await rates(t, [{ productId: product.id, quantity: 1 }], JAKARTA);
    expect(home.body.sellers[0]).toMatchObject({
      chargedWeightGrams: 2000,
      options: [{ courier: 'seller', service: 'reguler', price: idr(platform.firstKg.amount + platform.perKg.amount) }],
    });
  });

  it('keeps the chosen option on the order, defaults to the cheapest, and refuses one not offered', async () => {
    const basket = await seller.product({ weightGrams: 350, lengthCm: 40, widthCm: 30, heightCm: 20 });
    const vase = await plain.product({ weightGrams: 800 });
    expect((await addToCart(t, buyer.token, basket.id, 1)).status).toBe(201);
    expect((await addToCart(t, buyer.token, vase.id, 1)).status).toBe(201);
    const wrong = await checkout(t, buyer.token, { shippingAddress: JAKARTA_ADDRESS, shipping: { [seller.sellerId]: { courier: 'seller', service: 'kargo' } } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe(`shipping.${seller.sellerId}`);

    const done = await checkout(t, buyer.token, { shippingAddress: JAKARTA_ADDRESS, shipping: { [seller.sellerId]: { courier: 'seller', service: 'kilat' } } });
    expect(done.status).toBe(201);
    const bySeller = (id: string) => done.body.orders.find((o: { sellerId: string }) => o.sellerId === id);
    expect(bySeller(seller.sellerId).shipping).toEqual(idr(3_000_000 + 3 * 2_000_000));
    const chosen = await t
      .http()
      .get(`/api/v1/orders/${bySeller(seller.sellerId).id}`)
      .set(bearer(buyer.token));
    expect(chosen.body).toMatchObject({ courier: 'seller', service: 'kilat', chargedWeightGrams: 4000, shipping: idr(9_000_000), total: idr(15_000_000 + 9_000_000) });
    const cheapest = await t
      .http()
      .get(`/api/v1/orders/${bySeller(plain.sellerId).id}`)
      .set(bearer(buyer.token));
    expect(cheapest.body).toMatchObject({ courier: 'seller', service: 'reguler', chargedWeightGrams: 1000 });
  });

  it('ships by hand with a courier and tracking number; without a courier service the buyer or the seller marks it delivered; tracking is for buyer and seller only', async () => {
    const product = await plain.product();
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const orderId = (await checkout(t, buyer.token, { shippingAddress: JAKARTA_ADDRESS })).body.orders[0].id as string;
    const move = (token: string, body: Record<string, unknown>) => t.http().post(`/api/v1/orders/${orderId}/transitions`).set(bearer(token)).send(body);
    const stranger0 = await registerUser(t, 'artisan');
    expect((await move(await adminToken(t), { to: 'paid' })).status).toBe(200);
    expect((await move(plain.owner.token, { to: 'processing' })).status).toBe(200);
    const shipped = await move(plain.owner.token, { to: 'shipped', courier: 'jne', trackingNumber: 'JNE0001' });
    expect(shipped.body).toMatchObject({ status: 'shipped', courier: 'jne', trackingNumber: 'JNE0001' });
    // Without a courier service there is nothing to book.
    expect((await t.http().post(`/api/v1/orders/${orderId}/shipment`).set(bearer(plain.owner.token)).send({})).status).toBe(409);
    expect((await move(stranger0.token, { to: 'delivered' })).status).toBe(404);
    expect((await move(plain.owner.token, { to: 'delivered' })).status).toBe(200);

    const tracking = await t.http().get(`/api/v1/orders/${orderId}/tracking`).set(bearer(buyer.token));
    expect(tracking.status).toBe(200);
    expect(tracking.body).toEqual({
      courier: 'jne',
      trackingNumber: 'JNE0001',
      events: [
        { at: expect.any(String), status: 'shipped', note: 'jne JNE0001' },
        { at: expect.any(String), status: 'delivered', note: null },
      ],
    });
    expect((await t.http().get(`/api/v1/orders/${orderId}/tracking`).set(bearer(plain.owner.token))).status).toBe(200);
    const stranger = await registerUser(t, 'buyer');
    expect((await t.http().get(`/api/v1/orders/${orderId}/tracking`).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/orders/${orderId}/tracking`).set(bearer(seller.owner.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/orders/${orderId}/tracking`)).status).toBe(401);

    const page = await t.http().get(`/orders/${orderId}`).set(bearer(buyer.token));
    expect(page.text).toContain('Lacak paket');
    expect(page.text).toContain('jne JNE0001');
  });

  it('lists on the page of an order shipped abroad the export documents its destination and goods call for', async () => {
    const carving = await seller.product({ hsCode: '4421.99', title: { id: 'Ukiran kayu suar', en: 'Suar wood carving' } });
    expect((await addToCart(t, buyer.token, carving.id, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token, { shippingAddress: { name: 'Emma', line1: '21 Smith Street', city: 'Sydney', postalCode: '2000', country: 'AU', phone: '+61212345678' } });
    expect(placed.status).toBe(201);
    const page = await t.http().get(`/orders/${placed.body.orders[0].id}?as=seller`).set(bearer(seller.owner.token));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dokumen ekspor ke AU');
    for (const document of ['Nomor Induk Berusaha (NIB)', 'SVLK timber legality', 'ISPM 15 wood packaging mark', 'Form AANZ']) expect(page.text).toContain(document);
    expect(page.text).not.toContain('EU deforestation');

    const home = await seller.product();
    expect((await addToCart(t, buyer.token, home.id, 1)).status).toBe(201);
    const domestic = await checkout(t, buyer.token, { shippingAddress: JAKARTA_ADDRESS });
    expect((await t.http().get(`/orders/${domestic.body.orders[0].id}`).set(bearer(buyer.token))).text).not.toContain('Dokumen ekspor');
  });
});

describe('shipping: Biteship rates, bookings and status callbacks', () => {
  let t: TestApp;
  let biteship: Awaited<ReturnType<typeof fakeBiteship>>;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let buyer: Session;
  let product: { id: string };

  beforeAll(async () => {
    biteship = await fakeBiteship();
    t = await createTestApp({ env: { BITESHIP_API_KEY: BITESHIP_KEY, BITESHIP_API_BASE: biteship.base } });
    seller = await createSeller(t, 'Perak Celuk');
    buyer = await registerUser(t, 'buyer', 'Budi');
    const saved = await t.http().patch(`/api/v1/sellers/${seller.sellerId}`).set(bearer(seller.owner.token)).send({ shipFrom: SHIP_FROM });
    expect(saved.status).toBe(200);
    expect(saved.body.shipFrom).toEqual({ ...SHIP_FROM, phone: '+6281234567890' });
    const badPostal = await t
      .http()
      .patch(`/api/v1/sellers/${seller.sellerId}`)
      .set(bearer(seller.owner.token))
      .send({ shipFrom: { ...SHIP_FROM, postalCode: '808' } });
    expect(badPostal.status).toBe(422);
    expect(badPostal.body.errors[0].field).toBe('shipFrom.postalCode');
    product = await seller.product({ weightGrams: 1500, lengthCm: 20, widthCm: 15, heightCm: 10 });
  });
  afterAll(async () => {
    await t?.close();
    // close() alone leaves the app's keep-alive connection open, and the Jest worker with it.
    if (biteship) await new Promise((resolve) => biteship.server.close(resolve).closeAllConnections());
  });

  it("offers Biteship's couriers, cheapest first, in rupiah minor units", async () => {
    biteship.requests.length = 0;
    const answer = await rates(t, [{ productId: product.id, quantity: 2 }], JAKARTA);
    expect(answer.status).toBe(200);
    expect(answer.body.sellers[0]).toEqual({
      sellerId: seller.sellerId,
      chargedWeightGrams: 3000,
      options: [
        { courier: 'sicepat', service: 'reg', name: 'SiCepat Reguler', price: idr(16_000 * 3 * 100), etaDays: { min: 2, max: 4 } },
        { courier: 'jne', service: 'reg', name: 'JNE Reguler', price: idr(18_000 * 3 * 100), etaDays: { min: 2, max: 3 } },
        { courier: 'jne', service: 'yes', name: 'JNE Yakin Esok Sampai', price: idr(32_000 * 3 * 100), etaDays: { min: 1, max: 1 } },
      ],
    });
    const [call] = biteship.requests;
    expect(call).toMatchObject({
      method: 'POST',
      path: '/v1/rates/couriers',
      authorization: BITESHIP_KEY,
      body: {
        origin_postal_code: 80864,
        destination_postal_code: 10110,
        couriers: 'jne,jnt,sicepat,anteraja,pos',
        items: [expect.objectContaining({ value: 150_000, weight: 1500, length: 20, width: 15, height: 10, quantity: 2 })],
      },
    });
  });

  it('falls back to the zone table when Biteship fails or answers too slowly, and abroad', async () => {
    for (const mode of ['down', 'slow'] as const) {
      biteship.state.rates = mode;
      const answer = await rates(t, [{ productId: product.id, quantity: 1 }], JAKARTA);
      expect(answer.status).toBe(200);
      expect(answer.body.sellers[0].options).toEqual([expect.objectContaining({ courier: 'seller', service: 'reguler' })]);
    }
    biteship.state.rates = 'ok';
    const abroad = await rates(t, [{ productId: product.id, quantity: 1 }], SYDNEY);
    expect(abroad.body.sellers[0].options).toEqual([expect.objectContaining({ courier: 'seller', service: 'ems' })]);
  });

  it('books the chosen courier, and moves the order to delivered only when Biteship itself says so, once', async () => {
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const done = await checkout(t, buyer.token, { shippingAddress: JAKARTA_ADDRESS, shipping: { [seller.sellerId]: { courier: 'jne', service: 'reg' } } });
    expect(done.status).toBe(201);
    const orderId = done.body.orders[0].id as string;
    expect(done.body.orders[0].shipping).toEqual(idr(18_000 * 2 * 100));
    expect(
      (
        await t
          .http()
          .post(`/api/v1/orders/${orderId}/transitions`)
          .set(bearer(await adminToken(t)))
          .send({ to: 'paid' })
      ).status,
    ).toBe(200);

    expect((await t.http().post(`/api/v1/orders/${orderId}/shipment`).set(bearer(buyer.token)).send({})).status).toBe(403);
    const stranger = await registerUser(t, 'artisan');
    expect((await t.http().post(`/api/v1/orders/${orderId}/shipment`).set(bearer(stranger.token)).send({})).status).toBe(404);
    const booked = await t.http().post(`/api/v1/orders/${orderId}/shipment`).set(bearer(seller.owner.token)).send({});
    expect(booked.status).toBe(201);
    expect(booked.body).toEqual({ courier: 'jne', trackingNumber: 'WYB1000', labelUrl: 'https://track.example/bs_1' });
    const booking = biteship.requests.find((r) => r.path === '/v1/orders' && r.method === 'POST')!;
    expect(booking.body).toMatchObject({ reference_id: orderId, courier_company: 'jne', courier_type: 'reg', origin_postal_code: 80864, destination_postal_code: 10110 });
    expect((await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token))).body).toMatchObject({ status: 'shipped', trackingNumber: 'WYB1000' });
    expect((await t.http().post(`/api/v1/orders/${orderId}/shipment`).set(bearer(seller.owner.token)).send({})).status).toBe(409);
    // The courier tracks this parcel: its seller cannot say it arrived.
    expect((await t.http().post(`/api/v1/orders/${orderId}/transitions`).set(bearer(seller.owner.token)).send({ to: 'delivered' })).status).toBe(403);

    const webhook = (body: Record<string, string>) => t.http().post('/api/v1/shipping/biteship/webhook').send(body);
    const status = async () => (await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token))).body.status;
    // A forged callback: Biteship has no such order, and ours is not delivered on the body's word.
    expect((await webhook({ event: 'order.status', order_id: 'bs_forged', status: 'delivered' })).status).toBe(200);
    expect((await webhook({ event: 'order.status', order_id: 'bs_1', status: 'delivered' })).status).toBe(200);
    expect(await status()).toBe('shipped');

    biteship.state.orders.get('bs_1')!.status = 'delivered';
    biteship.state.orders.get('bs_1')!.courier.history = [
      { note: 'Paket dijemput kurir', updated_at: '2026-12-01T09:00:00+08:00', status: 'picked' },
      { note: 'Diterima oleh Budi', updated_at: '2026-12-03T14:30:00+08:00', status: 'delivered' },
    ];
    for (let i = 0; i < 2; i++) expect((await webhook({ event: 'order.status', order_id: 'bs_1', status: 'delivered' })).status).toBe(200);
    const order = (await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token))).body;
    expect(order.status).toBe('delivered');
    expect(order.history.filter((h: { status: string }) => h.status === 'delivered')).toHaveLength(1);
    expect(order.history.at(-1)).toMatchObject({ status: 'delivered', actorRole: 'system' });

    const tracking = (await t.http().get(`/api/v1/orders/${orderId}/tracking`).set(bearer(seller.owner.token))).body;
    expect(tracking).toMatchObject({ courier: 'jne', trackingNumber: 'WYB1000' });
    expect(tracking.events.filter((e: { status: string }) => e.status === 'picked')).toEqual([{ at: '2026-12-01T01:00:00.000Z', status: 'picked', note: 'Paket dijemput kurir' }]);
    expect(tracking.events.map((e: { status: string }) => e.status)).toEqual(['picked', 'delivered', 'shipped', 'delivered']);
  });

  it('lets a buyer without JavaScript see and pick a courier on the checkout page', async () => {
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const browser = await signInWithForm(t, buyer, '/checkout');
    const cart = await browser.get('/cart?postalCode=10110&country=ID');
    expect(cart.text).toContain('Cek ongkos kirim');
    expect(cart.text).toMatch(/SiCepat Reguler — <strong>Rp\s?32\.000<\/strong>/);
    const form = await browser.get('/checkout');
    expect(form.text).toContain('Tampilkan ongkir');
    const address = { name: 'Budi', line1: 'Jl. Merdeka 1', city: 'Jakarta', postalCode: '10110', country: 'ID', phone: '+628111000111', paymentMethod: 'bank_transfer' };
    const options = await browser
      .post('/checkout')
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...address, action: 'rates' });
    expect(options.status).toBe(200);
    expect(options.text).toContain(`name="shipping_${seller.sellerId}" value="sicepat|reg" checked`);
    expect(options.text).toMatch(/JNE Reguler — <strong>Rp\s?36\.000<\/strong>/);
    const placed = await browser
      .post('/checkout')
      .type('form')
      .send({ _csrf: csrfOf(options.text), ...address, [`shipping_${seller.sellerId}`]: 'jne|yes' });
    expect(placed.status).toBe(303);
    const [latest] = (await t.http().get('/api/v1/orders').set(bearer(buyer.token))).body.items;
    expect(latest).toMatchObject({ courier: 'jne', service: 'yes', shipping: idr(32_000 * 2 * 100) });
  });
});
