import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

type Account = Awaited<ReturnType<typeof registerUser>>;

describe('marketplace pages: categories, seller directory, product → storefront, editor preview', () => {
  let t: TestApp;
  let weaver: Account;
  let roaster: Account;
  let weaverSeller: { id: string; slug: string };
  let roasterSeller: { id: string; slug: string };
  let hiddenSeller: { id: string; slug: string };
  const productIds: Record<string, string> = {};

  const createSeller = async (account: Account, name: string, regency: string) => {
    const response = await t.http().post('/api/v1/sellers').set(bearer(account.token)).send({ name, regency, businessForm: 'individual' });
    expect(response.status).toBe(201);
    return { id: response.body.id as string, slug: response.body.slug as string };
  };
  const createProduct = async (account: Account, sellerId: string, key: string, categorySlug: string, rupiah: number, status: 'active' | 'draft' = 'active') => {
    const response = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(account.token))
      .send({
        title: { id: `Produk ${key}`, en: `Product ${key}` },
        description: { id: '<p>Buatan tangan.</p>' },
        categorySlug,
        price: { amount: rupiah * 100, currency: 'IDR' },
        stock: 5,
        status,
      });
    expect(response.status).toBe(201);
    productIds[key] = response.body.id;
  };
  /** Attribute values as a browser reads them (Handlebars escapes `=` and `&`). */
  const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  /** The product titles of a page, in the order shown. */
  const titles = (html: string) => [...html.matchAll(/class="product-card-title"[^>]*>([^<]+)</g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    weaver = await registerUser(t, 'artisan', 'Ni Luh Tenun');
    roaster = await registerUser(t, 'artisan', 'I Made Kopi');
    const suspended = await registerUser(t, 'artisan', 'I Ketut Tangguh');
    weaverSeller = await createSeller(weaver, 'Tenun Ikat Sidemen', 'karangasem');
    roasterSeller = await createSeller(roaster, 'Kopi Kintamani Made', 'bangli');
    hiddenSeller = await createSeller(suspended, 'Songket Tersembunyi', 'karangasem');
    // Textiles: the parent `tekstil` and its children `endek` and `songket`; coffee is elsewhere.
    await createProduct(weaver, weaverSeller.id, 'endek-a', 'endek', 450_000);
    await createProduct(weaver, weaverSeller.id, 'endek-b', 'endek', 150_000);
    await createProduct(weaver, weaverSeller.id, 'songket-c', 'songket', 900_000);
    await createProduct(weaver, weaverSeller.id, 'tekstil-d', 'tekstil', 300_000);
    await createProduct(weaver, weaverSeller.id, 'draft-e', 'endek', 200_000, 'draft');
    await createProduct(roaster, roasterSeller.id, 'kopi-f', 'kopi', 95_000);
    await createProduct(suspended, hiddenSeller.id, 'suspended-g', 'songket', 500_000);
    await t.db.query(`UPDATE sellers SET suspended_at = now(), suspended_reason = 'test' WHERE id = $1`, [hiddenSeller.id]);
    // The weaver publishes the default storefront; the roaster never does.
    expect((await t.http().post(`/api/v1/sellers/${weaverSeller.id}/storefront/publish`).set(bearer(weaver.token))).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('category pages', () => {
    it('lists the active products of the category and its subcategories, not those of other categories, drafts or suspended sellers', async () => {
      const page = await t.http().get('/categories/tekstil');
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html');
      expect(titles(page.text).sort()).toEqual(['Produk endek-a', 'Produk endek-b', 'Produk songket-c', 'Produk tekstil-d']);
      expect(page.text).toContain('<h1 lang="id">Kain tenun dan batik</h1>');
      expect(page.text).toContain('href="/categories/endek"');
      expect(page.text).toContain('href="/categories/songket"');
      expect(page.text).toContain('href="/search?category=tekstil"');
      expect(page.text).toContain('4 produk');
      // SEO: title, description and canonical.
      expect(page.text).toContain('<title>Kain tenun dan batik · Pasar Kerthi</title>');
      expect(page.text).toMatch(/<meta name="description" content="Kain tenun dan batik: 4 produk[^"]*">/);
      expect(page.text).toContain(`<link rel="canonical" href="${t.config.publicUrl}/categories/tekstil">`);
    });

    it('shows a subcategory with its breadcrumb and only its own products, in English with ?lang=en', async () => {
      const page = await t.http().get('/categories/endek?lang=en');
      expect(page.status).toBe(200);
      expect(titles(page.text).sort()).toEqual(['Product endek-a', 'Product endek-b']);
      expect(page.text).toMatch(/<a href="\/categories\/tekstil" lang="en">Woven textiles and batik<\/a> ›\s*<span aria-current="page">Endek ikat weaving<\/span>/);
      expect(page.text).toContain('Search within this category');
      expect(page.text).toContain('Lowest price');
      const [breadcrumb] = [...page.text.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
      expect(breadcrumb).toMatchObject({
        '@type': 'BreadcrumbList',
        itemListElement: [
          { position: 1, name: 'Woven textiles and batik', item: `${t.config.publicUrl}/categories/tekstil` },
          { position: 2, name: 'Endek ikat weaving', item: `${t.config.publicUrl}/categories/endek` },
        ],
      });
      expect(page.text).toContain('<meta property="og:title" content="Endek ikat weaving">');
    });

    it('sorts by price both ways and by newest, through plain links', async () => {
      const cheapFirst = await t.http().get('/categories/tekstil?sort=price_asc');
      expect(titles(cheapFirst.text)).toEqual(['Produk endek-b', 'Produk tekstil-d', 'Produk endek-a', 'Produk songket-c']);
      const dearFirst = await t.http().get('/categories/tekstil?sort=price_desc');
      expect(titles(dearFirst.text)).toEqual(['Produk songket-c', 'Produk endek-a', 'Produk tekstil-d', 'Produk endek-b']);
      const newest = await t.http().get('/categories/tekstil');
      expect(titles(newest.text)).toEqual(['Produk tekstil-d', 'Produk songket-c', 'Produk endek-b', 'Produk endek-a']);
      expect(decode(newest.text)).toContain('href="/categories/tekstil?sort=price_asc"');
      expect(decode(newest.text)).toContain('href="/categories/tekstil?sort=price_desc"');
    });

    it('paginates, keeping the sort in the page links', async () => {
      const first = await t.http().get('/categories/tekstil?sort=price_asc&perPage=3');
      expect(titles(first.text)).toEqual(['Produk endek-b', 'Produk tekstil-d', 'Produk endek-a']);
      expect(first.text).toContain('Halaman 1 dari 2');
      const next = /<a href="([^"]+)" rel="next">/.exec(decode(first.text))?.[1];
      expect(next).toBe('/categories/tekstil?perPage=3&sort=price_asc&page=2');
      const second = await t.http().get(next!);
      expect(second.status).toBe(200);
      expect(titles(second.text)).toEqual(['Produk songket-c']);
      expect(second.text).toContain('rel="prev"');
      expect(decode(second.text)).toContain(`<link rel="canonical" href="${t.config.publicUrl}/categories/tekstil?page=2">`);
      const beyond = await t.http().get('/categories/tekstil?page=9');
      expect(beyond.status).toBe(200);
      expect(titles(beyond.text)).toEqual([]);
      expect(beyond.text).toContain('Belum ada produk di kategori ini.');
    });

    it('answers an unknown category with the 404 page and bad query values with 422 naming the field', async () => {
      const missing = await t.http().get('/categories/tidak-ada').set('Accept', 'text/html');
      expect(missing.status).toBe(404);
      expect(missing.type).toBe('text/html');
      const badSort = await t.http().get('/categories/tekstil?sort=cheapest').set('Accept', 'application/json');
      expect(badSort.status).toBe(422);
      expect(badSort.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
      const badPage = await t.http().get('/categories/tekstil?page=abc').set('Accept', 'application/json');
      expect(badPage.status).toBe(422);
      expect(badPage.body.errors[0].field).toBe('page');
    });

    it('is linked from the home page and the product page instead of the search', async () => {
      const home = await t.http().get('/');
      expect(home.text).toContain('href="/categories/tekstil"');
      expect(home.text).not.toContain('href="/search?category=');
      // Its newest products leave out suspended sellers' products too.
      expect(home.text).toContain('Produk kopi-f');
      expect(home.text).not.toContain('Produk suspended-g');
      const product = await t.http().get(`/products/${productIds['endek-a']}`);
      expect(product.status).toBe(200);
      expect(product.text).toContain('<a href="/categories/tekstil">Kain tenun dan batik</a> ›');
      expect(product.text).toContain('<a href="/categories/endek">Tenun endek</a>');
    });
  });

  describe('seller directory', () => {
    it('lists sellers not suspended with their regency, badges and links, and counts every regency', async () => {
      const page = await t.http().get('/sellers');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Tenun Ikat Sidemen');
      expect(page.text).toContain('Kopi Kintamani Made');
      expect(page.text).not.toContain('Songket Tersembunyi');
      // Published storefront → /s/<slug>; otherwise the profile page.
      expect(page.text).toContain(`<a href="/s/${weaverSeller.slug}">Tenun Ikat Sidemen</a>`);
      expect(page.text).toContain(`<a href="/sellers/${roasterSeller.slug}">Kopi Kintamani Made</a>`);
      expect(page.text).toContain('Kabupaten Karangasem (1)');
      expect(page.text).toContain('Kabupaten Bangli (1)');
      expect(page.text).toContain('Kabupaten Jembrana (0)');
      expect(page.text).toContain('Semua (2)');
      expect(decode(page.text).match(/href="\/sellers\?regency=[a-z]+"/g)).toHaveLength(9);
      expect(page.text).toContain('Informal');
      expect(page.text).toContain('<title>Direktori penjual · Pasar Kerthi</title>');
    });

    it('filters by regency, paginates, and refuses an unknown regency with 422 naming it', async () => {
      const karangasem = await t.http().get('/sellers?regency=karangasem');
      expect(karangasem.status).toBe(200);
      expect(karangasem.text).toContain('Penjual di Kabupaten Karangasem');
      expect(karangasem.text).toContain('Tenun Ikat Sidemen');
      expect(karangasem.text).not.toContain('Kopi Kintamani Made');
      expect(karangasem.text).not.toContain('Songket Tersembunyi');
      const jembrana = await t.http().get('/sellers?regency=jembrana&lang=en');
      expect(jembrana.text).toContain('No sellers here yet.');
      const paged = await t.http().get('/sellers?perPage=1');
      expect(paged.text).toContain('Halaman 1 dari 2');
      expect(paged.text).toContain('Kopi Kintamani Made');
      expect(paged.text).not.toContain('Tenun Ikat Sidemen</a>');
      const bad = await t.http().get('/sellers?regency=atlantis').set('Accept', 'application/json');
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('regency');
      const badHtml = await t.http().get('/sellers?regency=atlantis').set('Accept', 'text/html');
      expect(badHtml.status).toBe(422);
      expect(badHtml.text).toContain('regency');
    });

    it('is linked from the header, the footer and the home page', async () => {
      const home = await t.http().get('/');
      expect(home.text.match(/href="\/sellers"/g)?.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('product page → storefront', () => {
    it('links the seller to the published storefront, else to the profile, which links the storefront only once published', async () => {
      const woven = await t.http().get(`/products/${productIds['endek-a']}`);
      expect(woven.text).toContain(`<a href="/s/${weaverSeller.slug}">Tenun Ikat Sidemen</a>`);
      const coffee = await t.http().get(`/products/${productIds['kopi-f']}`);
      expect(coffee.text).toContain(`<a href="/sellers/${roasterSeller.slug}">Kopi Kintamani Made</a>`);
      expect((await t.http().get(`/sellers/${weaverSeller.slug}`)).text).toContain(`href="/s/${weaverSeller.slug}"`);
      expect((await t.http().get(`/sellers/${roasterSeller.slug}`)).text).not.toContain(`href="/s/${roasterSeller.slug}"`);
    });
  });

  describe('storefront editor live preview', () => {
    const signIn = async (account: Account) => {
      const agent = request.agent(t.app.getHttpServer());
      const login = await agent.get('/login');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1] ?? '';
      expect((await agent.post('/login').type('form').send({ _csrf: csrf, email: account.email, password: account.password, next: '/' })).status).toBe(303);
      return agent;
    };

    it('shows the draft in a same-origin iframe that only the owner can load', async () => {
      const owner = await signIn(roaster);
      const editor = await owner.get(`/dashboard/sellers/${roasterSeller.id}/storefront`).set('Accept', 'text/html');
      expect(editor.status).toBe(200);
      expect(editor.text).toMatch(new RegExp(`<iframe id="sfe-preview-frame" src="/s/${roasterSeller.slug}\\?preview=1"`));
      expect(editor.text).toContain('<script src="/static/storefront-editor.js" defer></script>');
      expect(editor.text).not.toMatch(/<script>/);
      expect(editor.headers['content-security-policy']).toContain("frame-ancestors 'none'");

      // The preview may be framed by the same origin only; nothing else may be framed at all.
      const preview = await owner.get(`/s/${roasterSeller.slug}?preview=1`);
      expect(preview.status).toBe(200);
      expect(preview.text).toContain('Kopi Kintamani Made');
      expect(preview.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(preview.headers['content-security-policy']).not.toContain('frame-ancestors *');
      expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
      const published = await t.http().get(`/s/${weaverSeller.slug}`);
      expect(published.status).toBe(200);
      expect(published.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect((await t.http().get('/sellers')).headers['content-security-policy']).toContain("frame-ancestors 'none'");

      const stranger = await signIn(weaver);
      expect((await stranger.get(`/s/${roasterSeller.slug}?preview=1`)).status).toBe(404);
      expect((await t.http().get(`/s/${roasterSeller.slug}?preview=1`)).status).toBe(404);
      expect((await stranger.get(`/dashboard/sellers/${roasterSeller.id}/storefront`).set('Accept', 'text/html')).status).toBe(403);
      expect((await t.http().get('/static/storefront-editor.js')).status).toBe(200);
    });

    it('saves, reorders and removes sections with plain form posts, and the preview shows the saved draft', async () => {
      const owner = await signIn(roaster);
      const editorUrl = `/dashboard/sellers/${roasterSeller.id}/storefront`;
      const editor = await owner.get(editorUrl).set('Accept', 'text/html');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(editor.text)?.[1] ?? '';
      const sectionIds = [...editor.text.matchAll(/<details class="card sfe-section" id="section-([a-z0-9_-]+)"/g)].map((m) => m[1]!);
      expect(sectionIds.length).toBeGreaterThanOrEqual(2);
      const [first, second] = sectionIds;
      const moved = await owner.post(`${editorUrl}/sections/${second}`).type('form').send({ _csrf: csrf, op: 'up' });
      expect(moved.status).toBe(303);
      const after = await owner.get(editorUrl).set('Accept', 'text/html');
      const order = [...after.text.matchAll(/<details class="card sfe-section" id="section-([a-z0-9_-]+)"/g)].map((m) => m[1]);
      expect(order.slice(0, 2)).toEqual([second, first]);
      const removed = await owner.post(`${editorUrl}/sections/${first}`).type('form').send({ _csrf: csrf, op: 'remove' });
      expect(removed.status).toBe(303);
      const state = await t.http().get(`/api/v1/sellers/${roasterSeller.id}/storefront`).set(bearer(roaster.token));
      expect(state.body.draft.sections.map((s: { id: string }) => s.id)).not.toContain(first);
      expect((await owner.get(`/s/${roasterSeller.slug}?preview=1`)).status).toBe(200);
    });
  });
});
