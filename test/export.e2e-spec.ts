import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExportReadinessService } from '#libs/export';
import { DemoExportSeeder } from '../libs/export/src/demo-export.seeder.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

type User = Awaited<ReturnType<typeof registerUser>>;
type Checklist = Array<{ key: string; done: boolean; label: { id: string; en: string }; howTo: { id: string; en: string } }>;

const idr = (rupiah: number) => ({ amount: rupiah * 100, currency: 'IDR' });
const exportListing = {
  moq: 20,
  priceTiers: [
    { minQty: 20, price: idr(150_000) },
    { minQty: 100, price: idr(130_000) },
  ],
  leadTimeDays: 30,
  capacityPerMonth: 300,
  incoterms: ['FOB', 'FCA'],
};
const complete = {
  title: { id: 'Kain endek motif cepuk', en: 'Endek cloth, cepuk motif' },
  description: { id: 'Tenun ikat endek dari Sidemen.', en: 'Endek ikat woven in Sidemen.' },
  categorySlug: 'endek',
  price: idr(250_000),
  stock: 500,
  status: 'active',
  weightGrams: 400,
  hsCode: '5208.42',
  export: exportListing,
};
const validProfile = {
  exportExperience: 'indirect',
  targetMarkets: ['AU', 'EU'],
  productionCapacityPerMonth: 300,
  hasExportPlan: true,
  exportStaff: 1,
  paymentTermsAccepted: ['TT', 'LC'],
  portOfLoading: 'benoa',
  samplePolicy: 'paid',
  privateLabel: true,
  oem: false,
};
const futureDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('export readiness, requirements and RFQs', () => {
  let t: TestApp;
  let owner: User;
  let buyer: User;
  let sellerId: string;
  const productIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Ni Made Tenun');
    buyer = await registerUser(t, 'buyer', 'Emma Buyer');
    const seller = await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name: 'Tenun Sidemen Made', regency: 'karangasem', businessForm: 'individual' });
    expect(seller.status).toBe(201);
    sellerId = seller.body.id;
  });
  afterAll(() => t.close());

  const readiness = (token = owner.token, id = sellerId) => t.http().get(`/api/v1/sellers/${id}/export-readiness`).set(bearer(token));
  const addProduct = async (body: Record<string, unknown>) => {
    const response = await t.http().post(`/api/v1/sellers/${sellerId}/products`).set(bearer(owner.token)).send(body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const addApprovedDocument = async (type: string, number: string) => {
    await t.http().post(`/api/v1/sellers/${sellerId}/documents`).set(bearer(owner.token)).send({ type, number }).expect(201);
    await t.db.query(`UPDATE seller_documents SET status = 'approved', decided_at = now() WHERE seller_id = $1 AND type = $2`, [sellerId, type]);
  };
  const item = (checklist: Checklist, key: string) => checklist.find((entry) => entry.key === key)!;

  it('starts not ready, with a bilingual checklist that says how to register an NIB', async () => {
    const response = await readiness();
    expect(response.status).toBe(200);
    expect(response.body.level).toBe('not_ready');
    expect(response.body.score).toBeLessThan(40);
    expect(response.body.dimensions.map((d: { key: string }) => d.key)).toEqual(['legality', 'product', 'capacity', 'pricing', 'marketing', 'logistics', 'finance', 'certifications', 'commitment']);
    expect(response.body.dimensions.reduce((sum: number, d: { max: number }) => sum + d.max, 0)).toBe(100);
    const legality = response.body.dimensions.find((d: { key: string }) => d.key === 'legality');
    expect(legality.missing).toEqual(expect.arrayContaining(['legality.nib', 'legality.npwp']));
    const checklist: Checklist = response.body.checklist;
    for (const entry of checklist) {
      expect(entry.label.id.length).toBeGreaterThan(0);
      expect(entry.label.en.length).toBeGreaterThan(0);
      expect(entry.howTo.id.length).toBeGreaterThan(0);
      expect(entry.howTo.en.length).toBeGreaterThan(0);
    }
    const nib = item(checklist, 'legality.nib');
    expect(nib.done).toBe(false);
    expect(nib.howTo.id).toContain('Daftarkan NIB di OSS (oss.go.id)');
    expect(nib.howTo.en).toContain('Register your NIB at OSS (oss.go.id)');
  });

  it('improves as the seller gets documents approved, adds export-ready products and fills the profile, up to ready', async () => {
    const before = (await readiness()).body;
    await addApprovedDocument('NIB', '9120001234567');
    const afterNib = (await readiness()).body;
    expect(afterNib.score).toBeGreaterThan(before.score);
    expect(item(afterNib.checklist, 'legality.nib').done).toBe(true);

    await addApprovedDocument('NPWP', '0123456789012345');
    productIds.push(await addProduct(complete));
    productIds.push(await addProduct({ ...complete, title: { id: 'Kain endek motif wajik', en: 'Endek cloth, wajik motif' } }));
    productIds.push(await addProduct({ ...complete, title: { id: 'Kain endek motif patra', en: 'Endek cloth, patra motif' } }));
    const afterProducts = (await readiness()).body;
    expect(afterProducts.score).toBeGreaterThan(afterNib.score);
    for (const key of ['product.english', 'logistics.hsCodes', 'logistics.weights', 'pricing.moq', 'pricing.tiers']) expect(item(afterProducts.checklist, key).done).toBe(true);
    expect(item(afterProducts.checklist, 'logistics.port').done).toBe(false);

    const put = await t.http().put(`/api/v1/sellers/${sellerId}/export-profile`).set(bearer(owner.token)).send(validProfile);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ sellerId, targetMarkets: ['AU', 'EU'], portOfLoading: 'benoa' });
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/export-profile`).set(bearer(owner.token))).body).toMatchObject(validProfile);

    const ready = (await readiness()).body;
    expect(ready.score).toBeGreaterThanOrEqual(70);
    expect(ready.level).toBe('ready');
    expect(item(ready.checklist, 'capacity.coversMoq').done).toBe(true);
  });

  it('marks products export-ready by the one rule, and timber only with SVLK approved', async () => {
    const service = t.app.get(ExportReadinessService);
    const noEnglish = await addProduct({ ...complete, title: { id: 'Kain endek tanpa terjemahan' }, description: { id: 'Belum ada terjemahan.' } });
    const carving = await addProduct({ ...complete, title: { id: 'Patung Garuda', en: 'Garuda statue' }, categorySlug: 'ukiran-kayu', hsCode: '4420.11' });
    let flags = await service.productExportReadiness([productIds[0]!, noEnglish, carving]);
    expect(flags.get(productIds[0]!)).toBe(true);
    expect(flags.get(noEnglish)).toBe(false);
    expect(flags.get(carving)).toBe(false);
    const checklist: Checklist = (await readiness()).body.checklist;
    expect(item(checklist, 'certifications.required').done).toBe(false);

    await addApprovedDocument('SVLK', 'SLK-0123/2024');
    flags = await service.productExportReadiness([carving]);
    expect(flags.get(carving)).toBe(true);
  });

  it('shows the readiness to the owner and curators in scope only', async () => {
    const stranger = await registerUser(t, 'artisan');
    expect((await readiness(stranger.token)).status).toBe(403);
    expect((await readiness(buyer.token)).status).toBe(403);
    expect((await readiness(owner.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.http().get(`/api/v1/sellers/not-a-uuid/export-readiness`).set(bearer(owner.token))).status).toBeGreaterThanOrEqual(400);
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/export-readiness`)).status).toBe(401);
    const local = await createStaffUser(t, 'curator', { regency: 'karangasem' });
    const elsewhere = await createStaffUser(t, 'curator', { regency: 'badung' });
    expect((await readiness(local.token)).status).toBe(200);
    expect((await readiness(elsewhere.token)).status).toBe(403);
    expect((await t.http().put(`/api/v1/sellers/${sellerId}/export-profile`).set(bearer(stranger.token)).send(validProfile)).status).toBe(403);
  });

  it('sums readiness per regency for curators, a regency curator only for their own', async () => {
    const local = await createStaffUser(t, 'curator', { regency: 'karangasem' });
    const provincial = await createStaffUser(t, 'curator');
    const own = await t.http().get('/api/v1/export/readiness-summary').set(bearer(local.token));
    expect(own.status).toBe(200);
    expect(own.body.regencies).toHaveLength(1);
    expect(own.body.regencies[0]).toMatchObject({ regency: 'karangasem', sellers: 1, levels: { ready: 1 } });
    expect(own.body.regencies[0].commonGaps[0].label.en).toBeTruthy();
    expect((await t.http().get('/api/v1/export/readiness-summary?regency=badung').set(bearer(local.token))).status).toBe(403);
    const all = await t.http().get('/api/v1/export/readiness-summary').set(bearer(provincial.token));
    expect(all.body.regencies).toHaveLength(9);
    const bad = await t.http().get('/api/v1/export/readiness-summary?regency=jakarta').set(bearer(provincial.token));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('regency');
    expect((await t.http().get('/api/v1/export/readiness-summary').set(bearer(owner.token))).status).toBe(403);
    const page = await t.http().get('/dashboard/export/readiness?lang=en').set(bearer(local.token));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Karangasem');
    expect(page.text).toContain('Most common gaps');
    expect((await t.http().get('/dashboard/export/readiness?regency=badung').set(bearer(local.token))).status).toBe(403);
  });

  it('lists the documents an export needs by HS code and destination', async () => {
    const keys = async (hsCode: string, destination: string) => {
      const response = await t.http().get('/api/v1/export/requirements').query({ hsCode, destination });
      expect(response.status).toBe(200);
      for (const doc of response.body.documents) expect(doc).toEqual({ key: expect.any(String), name: expect.any(String), issuer: expect.any(String), why: expect.any(String) });
      return response.body.documents.map((d: { key: string }) => d.key);
    };
    const woodToEu = await keys('4420.11', 'EU');
    expect(woodToEu).toEqual(expect.arrayContaining(['NIB', 'NPWP', 'PEB', 'SVLK', 'ISPM15', 'EUDR']));
    expect(await keys('9403.60', 'DE')).toEqual(expect.arrayContaining(['SVLK', 'EUDR']));
    const coffeeToUs = await keys('090121', 'US');
    expect(coffeeToUs).toEqual(expect.arrayContaining(['PHYTO', 'ETK', 'SKE', 'FDA_FFR']));
    expect(coffeeToUs).not.toContain('EUDR');
    expect(await keys('0901.11', 'JP')).toContain('SKA');
    expect(await keys('7113.11', 'US')).toEqual(['NIB', 'NPWP', 'PEB']);

    const badHs = await t.http().get('/api/v1/export/requirements').query({ hsCode: '12', destination: 'US' });
    expect(badHs.status).toBe(422);
    expect(badHs.body.errors.map((e: { field: string }) => e.field)).toEqual(['hsCode']);
    const badDestination = await t.http().get('/api/v1/export/requirements').query({ hsCode: '0901', destination: 'XX' });
    expect(badDestination.status).toBe(422);
    expect(badDestination.body.errors[0].field).toBe('destination');
    expect((await t.http().get('/api/v1/export/requirements').query({ destination: 'US' })).body.errors[0].field).toBe('hsCode');
  });

  it('refuses a bad export profile with 422 naming the field', async () => {
    const put = (body: Record<string, unknown>) =>
      t
        .http()
        .put(`/api/v1/sellers/${sellerId}/export-profile`)
        .set(bearer(owner.token))
        .send({ ...validProfile, ...body });
    const field = async (body: Record<string, unknown>) => {
      const response = await put(body);
      expect(response.status).toBe(422);
      return response.body.errors[0].field;
    };
    expect(await field({ exportExperience: 'lots' })).toBe('exportExperience');
    expect(await field({ targetMarkets: ['Australia'] })).toBe('targetMarkets');
    expect(await field({ productionCapacityPerMonth: -1 })).toBe('productionCapacityPerMonth');
    expect(await field({ paymentTermsAccepted: ['CASH_ON_DELIVERY'] })).toBe('paymentTermsAccepted');
    expect(await field({ portOfLoading: 'Atlantis' })).toBe('portOfLoading');
    expect(await field({ isAdmin: true })).toBe('isAdmin');
  });

  it('runs RFQ → quote → accept into an order awaiting payment, between the parties only', async () => {
    const rfqBody = { productId: productIds[0], quantity: 25, destinationCountry: 'AU', incoterm: 'FOB', message: 'Price for 25 pieces to Melbourne?', targetUnitPrice: idr(140_000) };
    const bad = async (body: Record<string, unknown>) => {
      const response = await t
        .http()
        .post('/api/v1/rfqs')
        .set(bearer(buyer.token))
        .send({ ...rfqBody, ...body });
      expect(response.status).toBe(422);
      return response.body.errors[0].field;
    };
    expect(await bad({ incoterm: 'FREE' })).toBe('incoterm');
    expect(await bad({ destinationCountry: 'XX' })).toBe('destinationCountry');
    expect(await bad({ quantity: 0 })).toBe('quantity');
    expect(await bad({ productId: undefined })).toBe('productId');
    expect(await bad({ productId: undefined, sellerId: '00000000-0000-4000-8000-000000000000' })).toBe('sellerId');
    expect((await t.http().post('/api/v1/rfqs').set(bearer(owner.token)).send(rfqBody)).status).toBe(403);

    const created = await t.http().post('/api/v1/rfqs').set(bearer(buyer.token)).send(rfqBody);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'open' });
    const rfqId = created.body.id;
    const seaOnly = await t
      .http()
      .post('/api/v1/rfqs')
      .set(bearer(buyer.token))
      .send({ ...rfqBody, incoterm: 'CIF' });
    expect(seaOnly.status).toBe(201);

    expect((await t.http().get('/api/v1/rfqs').set(bearer(buyer.token))).body.items.map((r: { id: string }) => r.id)).toContain(rfqId);
    const inbox = await t.http().get('/api/v1/rfqs').query({ sellerId }).set(bearer(owner.token));
    expect(inbox.body.items.find((r: { id: string }) => r.id === rfqId)).toMatchObject({ quantity: 25, destinationCountry: 'AU', buyerName: 'Emma Buyer', targetUnitPrice: idr(140_000) });

    const otherBuyer = await registerUser(t, 'buyer');
    const otherSeller = await registerUser(t, 'artisan');
    expect((await t.http().get(`/api/v1/rfqs/${rfqId}`).set(bearer(otherBuyer.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/rfqs/${rfqId}`).set(bearer(buyer.token))).status).toBe(200);
    expect((await t.http().get('/api/v1/rfqs').set(bearer(otherBuyer.token))).body.items).toHaveLength(0);

    const quoteBody = { unitPrice: idr(135_000), leadTimeDays: 21, validUntil: futureDate(14), incoterm: 'FOB', notes: 'Export packing included.' };
    expect((await t.http().post(`/api/v1/rfqs/${rfqId}/quotes`).set(bearer(otherSeller.token)).send(quoteBody)).status).toBe(404);
    expect((await t.http().post(`/api/v1/rfqs/${rfqId}/quotes`).set(bearer(buyer.token)).send(quoteBody)).status).toBe(403);
    const past = await t
      .http()
      .post(`/api/v1/rfqs/${rfqId}/quotes`)
      .set(bearer(owner.token))
      .send({ ...quoteBody, validUntil: '2020-01-01' });
    expect(past.status).toBe(422);
    expect(past.body.errors[0].field).toBe('validUntil');
    const noSuchDay = await t
      .http()
      .post(`/api/v1/rfqs/${rfqId}/quotes`)
      .set(bearer(owner.token))
      .send({ ...quoteBody, validUntil: '2031-02-31' });
    expect(noSuchDay.status).toBe(422);
    expect(noSuchDay.body.errors[0].field).toBe('validUntil');
    const badPrice = await t
      .http()
      .post(`/api/v1/rfqs/${rfqId}/quotes`)
      .set(bearer(owner.token))
      .send({ ...quoteBody, unitPrice: { amount: 1.5, currency: 'IDR' } });
    expect(badPrice.body.errors[0].field).toBe('unitPrice.amount');

    const quote = await t.http().post(`/api/v1/rfqs/${rfqId}/quotes`).set(bearer(owner.token)).send(quoteBody);
    expect(quote.status).toBe(201);
    const quoted = (await t.http().get(`/api/v1/rfqs/${rfqId}`).set(bearer(buyer.token))).body;
    expect(quoted.status).toBe('quoted');
    expect(quoted.firstResponseAt).toBeTruthy();
    expect(quoted.quotes[0]).toMatchObject({ id: quote.body.id, unitPrice: idr(135_000), expired: false });

    expect((await t.http().post(`/api/v1/quotes/${quote.body.id}/accept`).set(bearer(otherBuyer.token))).status).toBe(404);
    expect((await t.http().post(`/api/v1/quotes/${quote.body.id}/accept`).set(bearer(owner.token))).status).toBe(404);
    const accepted = await t.http().post(`/api/v1/quotes/${quote.body.id}/accept`).set(bearer(buyer.token));
    expect(accepted.status).toBe(201);
    expect(accepted.body.order).toMatchObject({ status: 'pending_payment', sellerId, buyerId: buyer.user.id, total: idr(135_000 * 25) });
    expect(accepted.body.order.lines[0]).toMatchObject({ productId: productIds[0], quantity: 25, unitPrice: idr(135_000) });
    // The buyer gets a reference for the bank transfer, and the page that says where to send it.
    const payment = accepted.body.order.payment;
    expect(payment).toMatchObject({ method: 'bank_transfer', status: 'pending', reference: expect.stringMatching(/^PK-[A-Z0-9]{8}$/) });
    const howToPay = await t.http().get(`/checkout/done/${payment.id}`).set(bearer(buyer.token));
    expect(howToPay.status).toBe(200);
    expect(howToPay.text).toContain('PT Pasar Kerthi Nusantara');
    expect(howToPay.text).toContain(payment.reference);
    expect(howToPay.text).toMatch(/Rp\s?3\.375\.000/);
    // An international transfer takes days: the order waits, unpaid, as long as the quoted price holds.
    expect(accepted.body.order.payBy).toBe(new Date(`${quoteBody.validUntil}T23:59:59+08:00`).toISOString());
    expect(howToPay.text).toMatch(/Bayar sebelum \d{1,2} \w{3} \d{4},? 23[.:]59 WITA/);
    expect((await t.http().get(`/checkout/done/${payment.id}`).set(bearer(otherBuyer.token))).status).toBe(404);
    expect((await t.http().post(`/api/v1/quotes/${quote.body.id}/accept`).set(bearer(buyer.token))).status).toBe(409);
    expect((await t.http().post(`/api/v1/rfqs/${rfqId}/quotes`).set(bearer(owner.token)).send(quoteBody)).status).toBe(409);

    // An accepted quote makes the seller export-active; the answer time is on record.
    const active = (await readiness()).body;
    expect(active.level).toBe('export_active');
    expect(active.responsiveness.rfqsReceived).toBeGreaterThanOrEqual(1);
    expect(active.responsiveness.medianFirstResponseHours).toBeGreaterThanOrEqual(0);
  });

  it('refuses to accept an expired quote with 409', async () => {
    const rfq = await t.http().post('/api/v1/rfqs').set(bearer(buyer.token)).send({ sellerId, quantity: 30, destinationCountry: 'NL', incoterm: 'CIP', message: 'General enquiry' });
    expect(rfq.status).toBe(201);
    const quoteBody = { unitPrice: idr(120_000), leadTimeDays: 30, validUntil: futureDate(7), incoterm: 'CIP' };
    const noProduct = await t.http().post(`/api/v1/rfqs/${rfq.body.id}/quotes`).set(bearer(owner.token)).send(quoteBody);
    expect(noProduct.status).toBe(422);
    expect(noProduct.body.errors[0].field).toBe('productId');
    const quote = await t
      .http()
      .post(`/api/v1/rfqs/${rfq.body.id}/quotes`)
      .set(bearer(owner.token))
      .send({ ...quoteBody, productId: productIds[1] });
    expect(quote.status).toBe(201);
    await t.db.query(`UPDATE quotes SET valid_until = current_date - 1 WHERE id = $1`, [quote.body.id]);
    const badAddress = await t
      .http()
      .post(`/api/v1/quotes/${quote.body.id}/accept`)
      .set(bearer(buyer.token))
      .send({ shippingAddress: { name: 'Emma', line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', country: 'Holland' } });
    expect(badAddress.status).toBe(422);
    expect(badAddress.body.errors[0].field).toBe('shippingAddress.country');
    const expired = await t.http().post(`/api/v1/quotes/${quote.body.id}/accept`).set(bearer(buyer.token));
    expect(expired.status).toBe(409);
    expect(expired.body.detail).toContain('expired');
  });

  it('renders the readiness dashboard, the RFQ inbox and the buyer pages', async () => {
    const dashboard = await t.http().get(`/dashboard/sellers/${sellerId}/export?lang=en`).set(bearer(owner.token));
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Export readiness');
    expect(dashboard.text).toContain('Legality');
    expect(dashboard.text).toContain('name="productionCapacityPerMonth"');
    const inbox = await t.http().get(`/dashboard/sellers/${sellerId}/rfqs`).set(bearer(owner.token));
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Emma Buyer');
    const mine = await t.http().get('/rfqs?lang=en').set(bearer(buyer.token));
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Tenun Sidemen Made');
    expect(mine.text).toContain('<a href="/rfqs">Quotes</a>');
    const productPage = await t.http().get(`/products/${productIds[0]}?lang=en`);
    expect(productPage.text).toContain(`/rfqs/new?productId=${productIds[0]}`);
    const form = await t.http().get(`/rfqs/new?productId=${productIds[0]}&lang=en`).set(bearer(buyer.token));
    expect(form.status).toBe(200);
    expect(form.text).toContain('Request a quote');
    expect((await t.http().get(`/dashboard/sellers/${sellerId}/export`).set(bearer(buyer.token))).status).toBe(403);
  });
});

describe('export demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('gives demo sellers export profiles and the overseas demo buyer RFQs in several states, once', async () => {
    const owner = await registerUser(t, 'artisan');
    for (const name of ['Tenun Satu', 'Tenun Dua', 'Tenun Tiga']) {
      const seller = await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name, regency: 'klungkung', businessForm: 'individual' });
      await t.http().post(`/api/v1/sellers/${seller.body.id}/products`).set(bearer(owner.token)).send(complete).expect(201);
    }
    const demo = await t.http().post('/api/v1/auth/register').send({ email: 'buyer@demo.pasarkerthi.id', password: 'pasarkerthi123', name: 'Emma Buyer (Melbourne)', role: 'buyer' });
    const seeder = t.app.get(DemoExportSeeder);
    await seeder.seed();
    await seeder.seed();
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM export_profiles`);
    expect(count).toBe(3);
    const rfqs = await t.http().get('/api/v1/rfqs').set(bearer(demo.body.token));
    expect(rfqs.body.items.map((r: { status: string }) => r.status).sort()).toEqual(['accepted', 'open', 'quoted']);
    const orders = await t.http().get('/api/v1/orders').set(bearer(demo.body.token));
    expect(orders.body.items).toHaveLength(1);
    expect(orders.body.items[0].status).toBe('pending_payment');
  });
});
