import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { insertSeller } from './support/catalogue-fixtures.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('catalogue pages', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let sellerId: string;
  let productId: string;
  let browser: ReturnType<typeof request.agent>;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Ketut Perak');
    sellerId = await insertSeller(t, owner.user.id, 'Perak Celuk Ketut', { whatsapp: '+6281234567890' });
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send({
        title: { id: 'Cincin perak motif jawan' },
        description: { id: '<p>Granulasi <em>tangan</em>.</p>' },
        categorySlug: 'perhiasan-perak',
        price: { amount: 15000000, currency: 'IDR' },
        stock: 3,
        status: 'active',
        materials: ['perak 925'],
        variants: [
          { sku: 'CIN-7', options: { Ukuran: '7' }, stock: 2 },
          { sku: 'CIN-8', options: { Ukuran: '8' }, price: { amount: 17500000, currency: 'IDR' }, stock: 1 },
        ],
      });
    productId = created.body.id;

    browser = request.agent(t.app.getHttpServer());
    const login = await browser.get('/login');
    const signedIn = await browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: owner.email, password: owner.password, next: '/' });
    expect(signedIn.status).toBe(303);
  });
  afterAll(() => t.close());

  it('shows the product page with price, variants, cart form, JSON-LD and OpenGraph, and a notice when English is missing', async () => {
    await t.db.query(`INSERT INTO seller_documents (seller_id, type, number, status) VALUES ($1, 'NIB', '9120001234567', 'approved')`, [sellerId]);
    const page = await t.http().get(`/products/${productId}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cincin perak motif jawan');
    expect(page.text).toContain('Rp 150.000');
    expect(page.text).toContain('Rp 175.000');
    expect(page.text).toContain('action="/cart/items"');
    expect(page.text).toContain('Perak Celuk Ketut');
    expect(page.text).toContain('https://wa.me/6281234567890');
    expect(page.text).toContain('✓ NIB');
    expect(page.text).toContain('Kabupaten Gianyar');
    expect(page.text).not.toContain('9120001234567');
    expect(page.text).toContain('<em>tangan</em>');
    expect(page.text).toContain('property="og:title" content="Cincin perak motif jawan"');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.text)![1]!);
    expect(jsonLd).toMatchObject({ '@type': 'Product', name: 'Cincin perak motif jawan', offers: { price: '150000.00', priceCurrency: 'IDR' } });
    expect(page.text).not.toContain('Not yet available in English');

    const english = await t.http().get(`/products/${productId}?lang=en`);
    expect(english.text).toContain('Not yet available in English; shown in Indonesian.');
    expect(english.text).toContain('Add to cart');

    const home = await t.http().get('/');
    expect(home.text).toContain('Kain tenun dan batik');
    expect(home.text).toContain(`/products/${productId}`);
    expect((await t.http().get('/products/00000000-0000-4000-8000-000000000000').set('Accept', 'text/html')).status).toBe(404);
  });

  it('lets the seller create and edit a product with a plain form, with errors shown beside the fields', async () => {
    const list = await browser.get(`/dashboard/sellers/${sellerId}/products`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Cincin perak motif jawan');
    const form = await browser.get(`/dashboard/sellers/${sellerId}/products/new`);
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.text);

    const bad = await browser.post(`/dashboard/sellers/${sellerId}/products`).type('form').send({ _csrf: csrf, title_id: '', categorySlug: 'perhiasan-perak', price: 'seratus', stock: '-1' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="title_id-error"');
    expect(bad.text).toContain('id="price-error"');
    expect(bad.text).toContain('id="stock-error"');

    const good = await browser.post(`/dashboard/sellers/${sellerId}/products`).type('form').send({
      _csrf: csrf,
      title_id: 'Anting perak bunga jepun',
      title_en: 'Frangipani silver earrings',
      description_id: 'Perak 925',
      categorySlug: 'perhiasan-perak',
      price: '250.000',
      stock: '0',
      status: 'active',
      materials: 'perak 925, batu garnet',
      hsCode: '7113.11',
      variants: 'ANT-S | Ukuran=S | | 4\nANT-L | Ukuran=L | 275000 | 2',
    });
    expect(good.status).toBe(303);
    const editUrl = good.headers.location!;
    const edit = await browser.get(editUrl);
    expect(edit.text).toContain('value="Anting perak bunga jepun"');
    expect(edit.text).toContain('ANT-L | Ukuran&#x3D;L | 275000 | 2'); // Handlebars escapes '='
    const id = /products\/([0-9a-f-]{36})/.exec(editUrl)![1]!;
    const api = await t.http().get(`/api/v1/products/${id}`);
    expect(api.body).toMatchObject({ price: { amount: 25000000, currency: 'IDR' }, stock: 6, hsCode: '711311', materials: ['perak 925', 'batu garnet'] });

    const stranger = await registerUser(t, 'artisan');
    expect((await t.http().get(`/dashboard/sellers/${sellerId}/products`).set(bearer(stranger.token))).status).toBe(403);
  });

  it('imports a CSV from the dashboard and shows its progress page', async () => {
    const list = await browser.get(`/dashboard/sellers/${sellerId}/products`);
    const csrf = csrfOf(list.text);
    const csv = 'handle,title_id,category,price_idr,stock\ngelang,Gelang perak,perhiasan-perak,300000,2\nrusak,,perhiasan-perak,1,1\n';
    const posted = await browser.post(`/dashboard/sellers/${sellerId}/imports?_csrf=${encodeURIComponent(csrf)}`).attach('file', Buffer.from(csv), 'perak.csv');
    expect(posted.status).toBe(303);
    const queued = await browser.get(posted.headers.location!);
    expect(queued.text).toContain('http-equiv="refresh"');
    await t.drainJobs();
    const done = await browser.get(posted.headers.location!);
    expect(done.text).toContain('Selesai');
    expect(done.text).toContain('title_id');
    expect(done.text).not.toContain('http-equiv="refresh"');
  });
});
