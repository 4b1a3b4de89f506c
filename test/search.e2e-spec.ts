import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ProductChanged } from '#libs/catalogue';
import { DbNotifications, DomainEvents, freePort, MeiliService } from '#libs/platform';
import { SearchSync } from '#libs/search';
import { SellerChanged } from '#libs/sellers';
import { jobs, retryNow, TASKS } from './support/jobs.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

// Meilisearch applies writes in the background; on a machine busy with other suites that can take seconds per task.
jest.setTimeout(180_000);

type Hit = {
  id: string;
  title: string;
  price: { amount: number; currency: string };
  displayPrice?: { amount: number; currency: string };
  rateAsOf?: string;
  exportReady: boolean;
  regency: string;
  sellerName: string;
};

const exportListing = { moq: 10, priceTiers: [{ minQty: 10, price: { amount: 40_000_000, currency: 'IDR' } }], leadTimeDays: 30, capacityPerMonth: 200, incoterms: ['FOB'] };

const exportProfile = {
  exportExperience: 'indirect',
  targetMarkets: ['AU'],
  productionCapacityPerMonth: 200,
  hasExportPlan: true,
  exportStaff: 1,
  paymentTermsAccepted: ['TT'],
  portOfLoading: 'benoa',
  samplePolicy: 'paid',
};

async function createSeller(t: TestApp, token: string, name: string, regency: string): Promise<{ id: string; slug: string }> {
  const response = await t.http().post('/api/v1/sellers').set(bearer(token)).send({ name, regency, businessForm: 'individual' });
  if (response.status !== 201) throw new Error(`seller: ${response.status} ${response.text}`);
  return response.body;
}

/** Approves a document as a curator would, and tells search (the sellers lib records the same event). */
async function approveDocument(t: TestApp, sellerId: string, type: string) {
  await t.db.query(`INSERT INTO seller_documents (seller_id, type, number, status, decided_at) VALUES ($1, $2, $3, 'approved', now())`, [sellerId, type, `${type}-${sellerId.slice(0, 8)}`]);
  await t.app.get(DomainEvents).record(t.db.manager, SellerChanged, { sellerId });
}

async function createProduct(t: TestApp, token: string, sellerId: string, body: Record<string, unknown>): Promise<string> {
  const response = await t
    .http()
    .post(`/api/v1/sellers/${sellerId}/products`)
    .set(bearer(token))
    .send({ status: 'active', stock: 5, ...body });
  if (response.status !== 201) throw new Error(`product: ${response.status} ${response.text}`);
  return response.body.id;
}

/** Runs the queued jobs; a search job that failed (a slow machine) is shown and retried at once instead of after its backoff. */
async function settle(t: TestApp) {
  for (let round = 0; round < 5; round++) {
    await t.drainJobs();
    const retrying = (await jobs(t, { state: 'retrying' })).filter((job) => job.task.includes('SearchSync') || job.task.startsWith('search.'));
    if (retrying.length === 0) return;
    console.warn(
      'search jobs to retry',
      retrying.map(({ task, attempts, last_error }) => ({ task, attempts, last_error })),
    );
    await retryNow(t);
  }
}

const text = (id: string, en?: string) => (en ? { id, en } : { id });
const rp = (whole: number) => ({ amount: whole * 100, currency: 'IDR' });

describe('catalogue search', () => {
  let t: TestApp;
  let artisan: { token: string };
  let ids: Record<string, string>;
  let suspended: { id: string };
  const search = (query: Record<string, string | string[]>) => t.http().get('/api/v1/catalogue').query(query);
  const titles = (body: { hits: Hit[] }) => body.hits.map((hit) => hit.title);

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    artisan = await registerUser(t, 'artisan', 'Ni Made Tenun');
    const sidemen = await createSeller(t, artisan.token, 'Tenun Sidemen Lestari', 'karangasem');
    const kintamani = await createSeller(t, artisan.token, 'Kintamani Craft', 'bangli');
    suspended = await createSeller(t, artisan.token, 'Perak Celuk Jaya', 'gianyar');
    await approveDocument(t, sidemen.id, 'NIB');
    await approveDocument(t, kintamani.id, 'HALAL');
    ids = {
      endek: await createProduct(t, artisan.token, sidemen.id, {
        title: text('Kain tenun endek motif cepuk', 'Endek cloth with cepuk motif'),
        description: text('<p>Kain endek dari Sidemen.</p>', '<p>Handmade endek cloth from Sidemen village.</p>'),
        categorySlug: 'endek',
        price: rp(450_000),
        materials: ['Katun'],
        technique: 'ikat pakan',
        weightGrams: 300,
        hsCode: '5208.42',
        export: exportListing,
      }),
      basket: await createProduct(t, artisan.token, sidemen.id, {
        title: text('Tas anyaman ata bundar'),
        description: text('Tas dari daun ata.'),
        categorySlug: 'anyaman-rotan',
        price: rp(250_000),
        materials: ['ata'],
        weightGrams: 500,
      }),
      garuda: await createProduct(t, artisan.token, kintamani.id, {
        title: text('Ukiran kayu Garuda Wisnu', 'Garuda Wisnu carving'),
        description: text('Ukiran kayu suar.'),
        categorySlug: 'ukiran-kayu',
        price: rp(1_200_000),
        materials: ['kayu suar'],
      }),
      coffee: await createProduct(t, artisan.token, kintamani.id, {
        title: text('Kopi arabika Kintamani 250 g', 'Kintamani arabica coffee 250 g'),
        description: text('Kopi dari lereng Batur.'),
        categorySlug: 'kopi',
        price: rp(85_000),
      }),
      draft: await createProduct(t, artisan.token, kintamani.id, {
        title: text('Kopi luwak rahasia'),
        description: text('Belum dijual.'),
        categorySlug: 'kopi',
        price: rp(500_000),
        status: 'draft',
      }),
      silver: await createProduct(t, artisan.token, suspended.id, {
        title: text('Cincin perak motif jawan'),
        description: text('Perak 925.'),
        categorySlug: 'perhiasan-perak',
        price: rp(350_000),
        materials: ['perak'],
      }),
    };
    await t.db.query(`UPDATE sellers SET suspended_at = now(), suspended_reason = 'test' WHERE id = $1`, [suspended.id]);
    // Export-ready products need an export-ready seller (libs/export's rule): Sidemen fills its export profile.
    await t.http().put(`/api/v1/sellers/${sidemen.id}/export-profile`).set(bearer(artisan.token)).send(exportProfile).expect(200);
    await settle(t);
  });
  afterAll(() => t?.close());

  it('finds products by a word, in the API.md shape', async () => {
    const response = await search({ q: 'endek' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 1, page: 1, perPage: 20 });
    expect(response.body.hits[0]).toEqual({
      id: ids.endek,
      title: 'Kain tenun endek motif cepuk',
      titleLang: 'id',
      sellerName: 'Tenun Sidemen Lestari',
      sellerSlug: expect.any(String),
      regency: 'karangasem',
      price: { amount: 45_000_000, currency: 'IDR' },
      exportReady: true,
    });
    expect(Object.keys(response.body.facets).sort()).toEqual(['category', 'certification', 'exportReady', 'material', 'regency']);
  });

  it('tolerates typos and knows Indonesian–English synonyms', async () => {
    expect(titles((await search({ q: 'endk' })).body)).toEqual(['Kain tenun endek motif cepuk']);
    expect(titles((await search({ q: 'ukiran kayuu' })).body)).toEqual(['Ukiran kayu Garuda Wisnu']);
    expect(titles((await search({ q: 'weaving' })).body)).toContain('Kain tenun endek motif cepuk');
    expect(titles((await search({ q: 'coffee', lang: 'id' })).body)).toEqual(['Kopi arabika Kintamani 250 g']);
    expect(titles((await search({ q: 'basketry' })).body)).toEqual(['Tas anyaman ata bundar']);
  });

  it('counts facets over the matching products, categories with their parents', async () => {
    const { body } = await search({});
    expect(body.total).toBe(4);
    expect(body.facets.regency).toEqual({ karangasem: 2, bangli: 2 });
    expect(body.facets.category).toMatchObject({ endek: 1, tekstil: 1, 'anyaman-rotan': 1, anyaman: 1, 'ukiran-kayu': 1, ukiran: 1, kopi: 1 });
    expect(body.facets.material).toEqual({ katun: 1, ata: 1, 'kayu suar': 1 });
    expect(body.facets.certification).toEqual({ NIB: 2, HALAL: 2 });
    expect(body.facets.exportReady).toEqual({ true: 1, false: 3 });
  });

  it('keeps the other values of a ticked facet with their counts, narrowed by the other facets only', async () => {
    // Ticking Bangli still offers Karangasem with its count, so a buyer can widen the choice.
    const bangli = (await search({ regency: 'bangli' })).body;
    expect(bangli.total).toBe(2);
    expect(bangli.facets.regency).toEqual({ karangasem: 2, bangli: 2 });
    expect(bangli.facets.certification).toEqual({ HALAL: 2 });
    // Each ticked facet is narrowed by the other ticked facets: NIB sellers are all in Karangasem.
    const both = (await search({ regency: 'karangasem', certification: 'NIB' })).body;
    expect(both.total).toBe(2);
    expect(both.facets.regency).toEqual({ karangasem: 2 });
    expect(both.facets.certification).toEqual({ NIB: 2 });
    expect(Object.values(both.facets.exportReady as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('filters by regency, category parent, material, certification, export readiness and price', async () => {
    expect(titles((await search({ regency: 'bangli', sort: 'price_asc' })).body)).toEqual(['Kopi arabika Kintamani 250 g', 'Ukiran kayu Garuda Wisnu']);
    expect(titles((await search({ category: 'tekstil' })).body)).toEqual(['Kain tenun endek motif cepuk']);
    expect(titles((await search({ material: 'Kayu Suar' })).body)).toEqual(['Ukiran kayu Garuda Wisnu']);
    expect((await search({ certification: 'NIB' })).body.total).toBe(2);
    expect(titles((await search({ exportReady: 'true' })).body)).toEqual(['Kain tenun endek motif cepuk']);
    expect(titles((await search({ minPrice: '10000000', maxPrice: '50000000', sort: 'price_asc' })).body)).toEqual(['Tas anyaman ata bundar', 'Kain tenun endek motif cepuk']);
    expect((await search({ regency: ['bangli', 'karangasem'] })).body.total).toBe(4);
  });

  it('sorts by price both ways and by newest', async () => {
    expect(titles((await search({ sort: 'price_asc' })).body)).toEqual(['Kopi arabika Kintamani 250 g', 'Tas anyaman ata bundar', 'Kain tenun endek motif cepuk', 'Ukiran kayu Garuda Wisnu']);
    expect(titles((await search({ sort: 'price_desc' })).body)[0]).toBe('Ukiran kayu Garuda Wisnu');
    expect(titles((await search({ sort: 'newest' })).body)[0]).toBe('Kopi arabika Kintamani 250 g');
    const page2 = await search({ sort: 'price_asc', perPage: '3', page: '2' });
    expect(page2.body).toMatchObject({ total: 4, page: 2, perPage: 3 });
    expect(titles(page2.body)).toEqual(['Ukiran kayu Garuda Wisnu']);
  });

  it('answers the same before the framework (the front door) and through it', async () => {
    const query = 'q=kain&regency=karangasem&regency=bangli&sort=price_asc&currency=USD&perPage=5';
    const early = await t.http().get(`/api/v1/catalogue?${query}`).set('Accept-Language', 'en');
    // A trailing slash is not the edge's route: the controller answers it.
    const routed = await t.http().get(`/api/v1/catalogue/?${query}`).set('Accept-Language', 'en');
    expect(early.status).toBe(200);
    expect(early.headers['content-type']).toBe(routed.headers['content-type']);
    expect(early.headers['content-security-policy']).toBe(routed.headers['content-security-policy']);
    expect(early.body).toEqual(routed.body);
    expect(early.body.hits.length).toBeGreaterThan(0);
    // Two ways indeed: only Express's answer carries the ETag it computes.
    expect([early.headers.etag, typeof routed.headers.etag]).toEqual([undefined, 'string']);
    // Bad input still gets the framework's 422 naming the field.
    expect((await t.http().get('/api/v1/catalogue?perPage=500')).body.errors[0].field).toBe('perPage');
  });

  it('gives titles in English when asked (Indonesian when there is none) and prices in another currency with the rate date', async () => {
    const english = await search({ lang: 'en', sort: 'price_asc', currency: 'USD' });
    expect(titles(english.body)).toEqual(['Kintamani arabica coffee 250 g', 'Tas anyaman ata bundar', 'Endek cloth with cepuk motif', 'Garuda Wisnu carving']);
    const endek = english.body.hits.find((hit: Hit) => hit.id === ids.endek);
    // Rp 450.000 at Rp 16.650 per dollar.
    expect(endek).toMatchObject({ price: { amount: 45_000_000, currency: 'IDR' }, displayPrice: { amount: 2703, currency: 'USD' }, rateAsOf: '2026-11-27' });
    expect(english.body.exchangeRate).toMatchObject({ currency: 'USD', asOf: '2026-11-27' });
    expect((await search({ currency: 'jpy' })).body.hits[0].displayPrice.currency).toBe('JPY');
  });

  it('leaves out drafts and the products of suspended sellers', async () => {
    expect((await search({ q: 'luwak' })).body.total).toBe(0);
    expect((await search({ q: 'cincin perak' })).body.total).toBe(0);
    // Unsuspending brings them back; suspending again removes them.
    await t.db.query(`UPDATE sellers SET suspended_at = NULL WHERE id = $1`, [suspended.id]);
    await t.app.get(DomainEvents).record(t.db.manager, SellerChanged, { sellerId: suspended.id });
    await settle(t);
    expect(titles((await search({ q: 'cincin perak' })).body)).toEqual(['Cincin perak motif jawan']);
    await t.db.query(`UPDATE sellers SET suspended_at = now(), suspended_reason = 'test' WHERE id = $1`, [suspended.id]);
    await t.app.get(DomainEvents).record(t.db.manager, SellerChanged, { sellerId: suspended.id });
    await settle(t);
    expect((await search({ q: 'cincin perak' })).body.total).toBe(0);
  });

  it('reflects a product change and an archive after the jobs run', async () => {
    const patch = await t
      .http()
      .patch(`/api/v1/products/${ids.basket}`)
      .set(bearer(artisan.token))
      .send({ title: { id: 'Tas anyaman lontar bundar' } });
    expect(patch.status).toBe(200);
    await settle(t);
    expect(titles((await search({ q: 'lontar' })).body)).toEqual(['Tas anyaman lontar bundar']);
    expect((await search({ q: 'ata bundar' })).body.hits.map((h: Hit) => h.title)).not.toContain('Tas anyaman ata bundar');

    expect((await t.http().delete(`/api/v1/products/${ids.basket}`).set(bearer(artisan.token))).status).toBe(204);
    await settle(t);
    expect((await search({ q: 'lontar' })).body.total).toBe(0);
  });

  it('refuses bad parameters with 422 naming the field', async () => {
    for (const [query, field] of [
      [{ sort: 'cheapest' }, 'sort'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ perPage: '101' }, 'perPage'],
      [{ regency: 'jakarta' }, 'regency'],
      [{ certification: 'ISO' }, 'certification'],
      [{ minPrice: '-1' }, 'minPrice'],
      [{ minPrice: '500', maxPrice: '100' }, 'maxPrice'],
      [{ exportReady: 'maybe' }, 'exportReady'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const response = await search(query as Record<string, string>);
      expect(response.status).toBe(422);
      expect(response.body.errors[0].field).toBe(field);
    }
  });

  it('treats hostile input as data: results or 4xx, never a 500', async () => {
    const hostile: Array<Record<string, string>> = [
      { q: '" OR status = "draft' },
      { q: 'endek\\' },
      { q: 'x'.repeat(10_240) },
      { q: '\'"`;{}[]()<>' },
      { material: 'katun" OR materials EXISTS OR materials = "x' },
      { material: 'a\\" OR status = "draft' },
      { category: 'endek" OR categories EXISTS' },
      { 'material[$ne]': 'x' },
      { 'q[]': 'a' },
      { sort: 'price:asc' },
    ];
    for (const query of hostile) {
      const response = await search(query);
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) expect(response.body.hits.every((hit: Hit) => hit.id !== ids.draft)).toBe(true);
    }
    expect((await search({ material: 'katun" OR materials EXISTS OR materials = "x' })).body.total).toBe(0);
  });

  it('repairs drift with reconcile: a document deleted behind its back comes back, a stray one goes', async () => {
    const index = t.app.get(MeiliService).client.index(t.app.get(MeiliService).indexName('products'));
    await index.deleteDocument(ids.garuda).waitTask({ timeout: 60_000 });
    await index.addDocuments([{ id: '00000000-0000-4000-8000-000000000000', titleId: 'Hantu', status: 'active', price: 1 }]).waitTask({ timeout: 60_000 });
    expect((await search({ q: 'garuda' })).body.total).toBe(0);
    expect((await search({ q: 'hantu' })).body.total).toBe(1);

    const report = await t.app.get(SearchSync).reconcile();
    expect(report).toMatchObject({ repaired: 1, removed: 1 });
    expect(titles((await search({ q: 'garuda' })).body)).toEqual(['Ukiran kayu Garuda Wisnu']);
    expect((await search({ q: 'hantu' })).body.total).toBe(0);
    expect(await t.app.get(SearchSync).reconcile()).toMatchObject({ repaired: 0, removed: 0 });
  });

  it('answers a repeated search from memory until any process reports a write to the index', async () => {
    expect((await search({ q: 'arabika' })).body.total).toBe(1);
    const index = t.app.get(MeiliService).client.index(t.app.get(MeiliService).indexName('products'));
    // Removed behind the app's back, without a notice: the remembered answer still stands.
    await index.deleteDocument(ids.coffee).waitTask({ timeout: 60_000 });
    expect((await search({ q: 'arabika' })).body.total).toBe(1);
    // What a worker or CLI process sends after its index writes.
    await t.db.query(`SELECT pg_notify('pk_search', '')`);
    // Once that notice has arrived, the next search asks Meilisearch again.
    expect(await t.app.get(DbNotifications).sync()).toBe(true);
    expect((await search({ q: 'arabika' })).body.total).toBe(0);
    expect(await t.app.get(SearchSync).reconcile()).toMatchObject({ repaired: 1 });
    expect((await search({ q: 'arabika' })).body.total).toBe(1);
  });

  it('serves /search as a page without JavaScript: facets with counts, sort, currency, English', async () => {
    const page = await t.http().get('/search?q=kopi&currency=USD');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kopi arabika Kintamani 250 g');
    expect(page.text).toContain('value="kopi"'); // prefilled search box
    expect(page.text).toMatch(/name="regency" value="bangli"[^>]*> Kabupaten Bangli <span class="muted">\(1\)/);
    // Rp 85.000 at Rp 16.650 per dollar, marked as an estimate with the rate's date.
    expect(page.text).toContain('≈ $5,11, perkiraan dengan kurs 27 Nov 2026');

    const english = await t.http().get('/search?lang=en&sort=price_desc&regency=bangli');
    expect(english.status).toBe(200);
    expect(english.text).toContain('Garuda Wisnu carving');
    expect(english.text.indexOf('Garuda Wisnu carving')).toBeLessThan(english.text.indexOf('Kintamani arabica coffee'));
    expect(english.text).toMatch(/<option value="price_desc" selected>Highest price/);
    expect(english.text).toMatch(/type="checkbox" name="regency" value="bangli" checked/);

    const rupiahRange = await t.http().get('/search?minPrice=100000&maxPrice=500000');
    expect(rupiahRange.text).toContain('Kain tenun endek motif cepuk');
    expect(rupiahRange.text).not.toContain('Ukiran kayu Garuda Wisnu');
  });
});

describe('catalogue search while Meilisearch is down', () => {
  let t: TestApp;
  let down: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    // The same database and index names, but a Meilisearch address where nothing listens.
    down = await createTestApp({
      worker: false,
      env: { DATABASE_URL: t.config.databaseUrl!, MEILI_INDEX_PREFIX: t.config.meiliIndexPrefix, MEILI_HOST: `http://127.0.0.1:${await freePort()}` },
    });
  });
  afterAll(async () => {
    await down?.close();
    await t?.close();
  });

  it('reports search down, answers searches with 503, keeps accepting product writes, and loses none of 200 updates', async () => {
    // Liveness stays 200 (degraded): a search outage must not take checkout off the load balancer.
    const health = await down.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'degraded', db: 'up', search: 'down' });
    const refused = await down.http().get('/api/v1/catalogue?q=kopi');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');

    const artisan = await registerUser(down, 'artisan');
    const seller = await createSeller(down, artisan.token, 'Garam Amed', 'karangasem');
    const created = await createProduct(down, artisan.token, seller.id, { title: text('Garam laut Amed'), description: text('Garam tradisional.'), categorySlug: 'garam-laut', price: rp(30_000) });
    expect(created).toBeTruthy();
    // 200 more products changed while search is down, each with its outbox job as the catalogue writes it.
    const rows: Array<{ id: string }> = await down.db.query(
      `INSERT INTO products (seller_id, title, description, category_slug, price_amount, stock, status)
       SELECT $1, jsonb_build_object('id', 'Garam batch ' || n), '{"id": ""}', 'garam-laut', 1000000 + n, 1, 'active' FROM generate_series(1, 200) n RETURNING id`,
      [seller.id],
    );
    await down.db.query(`UPDATE products SET title = jsonb_build_object('id', 'Garam piramida ' || (title->>'id')) WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
    await down.app.get(DomainEvents).record(
      down.db.manager,
      ProductChanged,
      rows.map((r) => ({ productId: r.id, sellerId: seller.id })),
    );
    await down.drainJobs();
    const waiting = (await jobs(t, { task: TASKS.searchProduct, state: 'retrying' })).length;
    expect(waiting).toBe(201);

    // Search is back (the healthy app), and the retries come due.
    await retryNow(t);
    await t.drainJobs();
    const found = await t.http().get('/api/v1/catalogue?q=piramida&perPage=100&category=garam-laut');
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(200);
    expect(new Set(found.body.hits.map((h: Hit) => h.id)).size).toBe(100);
    expect((await t.http().get('/api/v1/catalogue?q=tradisional')).body.total).toBe(1);
    expect(await t.app.get(SearchSync).reconcile()).toMatchObject({ checked: 201, repaired: 0, removed: 0 });
  });
});
