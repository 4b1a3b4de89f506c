import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { SellersService } from '#libs/sellers';
import { addToCart, checkout, createSeller, tokenFor } from './support/commerce.js';
import { signInWithForm } from './support/forms.js';
import { bearer, createSecondProcess, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/** The seller's price change through the API, as the dashboard sends it. */
const reprice = (app: TestApp, owner: { token: string }, productId: string, amount: number) =>
  app
    .http()
    .patch(`/api/v1/products/${productId}`)
    .set(bearer(owner.token))
    .send({ price: { amount, currency: 'IDR' } })
    .expect(200);

describe('public pages stored for visitors without a session', () => {
  let t: TestApp;
  let shop: Awaited<ReturnType<typeof createSeller>>;
  let productId: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    shop = await createSeller(t, 'Bambu Tabanan');
    productId = (await shop.product({ title: { id: 'Keranjang bambu anyam', en: 'Woven bamboo basket' } })).id;
  });
  afterAll(() => t?.close());

  const page = (path: string) => t.http().get(path).set('Accept', 'text/html');
  const agent = () => supertest.agent(t.app.getHttpServer());

  it('serves an anonymous visitor the stored product page, compressed, with a weak ETag, and 304 while it is unchanged', async () => {
    const first = await page(`/products/${productId}`).set('Accept-Encoding', 'br, gzip');
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.vary).toBe('Accept-Language, Accept-Encoding, Cookie');
    expect(first.headers.etag).toMatch(/^W\/"pp-[\w-]+"$/);
    expect(first.text).toContain('Keranjang bambu anyam');
    expect(first.text).toContain('Rp 150.000');
    expect(first.text).toContain('href="/login"');

    const again = await page(`/products/${productId}`).set('Accept-Encoding', 'gzip');
    expect(again.headers['content-encoding']).toBe('gzip');
    // Sent from memory before the framework, with the same security headers and request id as any page.
    const framework = await page('/login');
    for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy']) {
      expect(again.headers[header]).toBe(framework.headers[header]);
    }
    expect(again.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(again.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.text).toBe(first.text);

    const revalidated = await page(`/products/${productId}`).set('If-None-Match', first.headers.etag!);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text ?? '').toBe('');
  });

  it('shows a price change made through the API on the very next request', async () => {
    const before = await page(`/products/${productId}`);
    await reprice(t, shop.owner, productId, 17_500_000);
    const after = await page(`/products/${productId}`).set('If-None-Match', before.headers.etag!);
    expect(after.status).toBe(200);
    expect(after.text).toContain('Rp 175.000');
    expect(after.text).not.toContain('Rp 150.000');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('gives a signed-in visitor their own header, and never shows it to anonymous visitors', async () => {
    const buyer = await registerUser(t, 'buyer', 'Wayan Pembeli Setia');
    const browser = await signInWithForm(t, buyer);
    const mine = await browser.get(`/products/${productId}`).set('Accept', 'text/html');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Wayan Pembeli Setia');
    expect(mine.text).toContain('action="/logout"');
    expect(mine.headers['cache-control'] ?? '').not.toContain('public');
    expect(mine.headers.etag ?? '').not.toMatch(/pp-/);

    const anonymous = await page(`/products/${productId}`);
    expect(anonymous.text).not.toContain('Wayan Pembeli Setia');
    expect(anonymous.text).not.toContain('action="/logout"');
    const bearerVisitor = await page(`/products/${productId}`).set(bearer(buyer.token));
    expect(bearerVisitor.headers.etag ?? '').not.toMatch(/pp-/);

    // Another signed-in visitor of the same page gets their own name and token, never the first one's.
    const other = await registerUser(t, 'buyer', 'Ketut Pembeli Lain');
    const otherBrowser = await signInWithForm(t, other);
    const theirs = await otherBrowser.get(`/products/${productId}`).set('Accept', 'text/html').set('Accept-Encoding', 'br');
    expect(theirs.headers['content-encoding']).toBe('br');
    expect(theirs.text).toContain('Ketut Pembeli Lain');
    expect(theirs.text).not.toContain('Wayan Pembeli Setia');
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(token(theirs.text)).toBeDefined();
    expect(token(theirs.text)).not.toBe(token(mine.text));
    expect(theirs.text).not.toContain('pkhole');
    // The add-to-cart form carries the visitor's own token: it goes through without any browser header.
    const added = await browser
      .post('/cart/items')
      .type('form')
      .send({ _csrf: token(/action="\/cart\/items"[\s\S]*?<\/form>/.exec(mine.text)![0]), productId, quantity: 1 });
    expect(added.status).toBe(303);
    expect((await browser.get('/cart').set('Accept', 'text/html')).text).toContain('Keranjang bambu anyam');
    // A stored search page keeps the signed-in visitor's words in their header's search box.
    await t.drainJobs();
    const searched = await otherBrowser.get('/search?q=keranjang').set('Accept', 'text/html');
    expect(searched.text).toContain('Ketut Pembeli Lain');
    expect(searched.text).toMatch(/id="site-q"[^>]*value="keranjang"/);
  });

  it('lets an anonymous visitor add to the cart from the stored page, and keeps serving the cart holder the stored page', async () => {
    const guest = agent();
    const stored = await guest.get(`/products/${productId}`).set('Accept', 'text/html');
    expect(stored.text).toContain('action="/cart/items"');
    expect(stored.text).not.toContain('name="_csrf"');
    // Browsers send Sec-Fetch-Site on every request; a page cannot forge it.
    const added = await guest.post('/cart/items').set('Sec-Fetch-Site', 'same-origin').type('form').send({ productId, quantity: 1 });
    expect(added.status).toBe(303);
    const forged = await t.http().post('/cart/items').set('Sec-Fetch-Site', 'cross-site').type('form').send({ productId, quantity: 1 });
    expect(forged.status).toBe(403);
    // A browser older than Sec-Fetch-Site (Safari before 16.4) still sends Origin with a form post.
    const older = await t.http().post('/cart/items').set('Host', 'pasar.test').set('Origin', 'https://pasar.test').type('form').send({ productId, quantity: 1 });
    expect(older.status).toBe(303);
    const elsewhere = await t.http().post('/cart/items').set('Host', 'pasar.test').set('Origin', 'https://evil.test').type('form').send({ productId, quantity: 1 });
    expect(elsewhere.status).toBe(403);
    expect((await t.http().post('/cart/items').type('form').send({ productId, quantity: 1 })).status).toBe(403);
    // Nothing on the page is the cart's: the holder gets the same stored page, and the cart keeps the item.
    const withCart = await guest.get(`/products/${productId}`).set('Accept', 'text/html');
    expect(withCart.status).toBe(200);
    expect(withCart.headers.etag).toBe(stored.headers.etag);
    const cart = await guest.get('/cart').set('Accept', 'text/html');
    expect(cart.text).toContain('Keranjang bambu anyam');
  });

  it('keeps an English page per language: ?lang=en, then the lang cookie', async () => {
    const english = await agent().get(`/products/${productId}?lang=en`).set('Accept', 'text/html');
    expect(english.status).toBe(200);
    expect(english.headers['content-language']).toBe('en');
    // It remembers the choice in a cookie, so no shared cache keeps this one response.
    expect(english.headers['cache-control']).toBe('private, max-age=0, must-revalidate');
    expect(english.text).toContain('Woven bamboo basket');
    const byCookie = await page(`/products/${productId}`).set('Cookie', 'lang=en');
    expect(byCookie.headers.etag).toBe(english.headers.etag);
    expect(byCookie.text).toBe(english.text);
    const indonesian = await page(`/products/${productId}`);
    expect(indonesian.headers['content-language']).toBe('id');
    expect(indonesian.headers.etag).not.toBe(english.headers.etag);
    // A query the store does not key on takes the framework's way.
    const fromSearch = await page(`/products/${productId}?ref=search`);
    expect(fromSearch.status).toBe(200);
    expect(fromSearch.text).toContain('Keranjang bambu anyam');
  });

  it('stores the home page and shows a new product on it on the very next request', async () => {
    const before = await page('/');
    expect(before.status).toBe(200);
    expect(before.headers.etag).toMatch(/^W\/"pp-/);
    expect((await page('/').set('If-None-Match', before.headers.etag!)).status).toBe(304);
    const fresh = await shop.product({ title: { id: 'Tikar pandan baru' } });
    const after = await page('/');
    expect(after.text).toContain(`/products/${fresh.id}`);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('shows a newly featured seller on the stored home page on the very next request', async () => {
    const before = await page('/');
    expect(before.text).not.toContain('Anyaman pilihan Tabanan');
    const curator = await createStaffUser(t, 'curator');
    const day = 86_400_000;
    const featured = await t
      .http()
      .post('/api/v1/curation/featured')
      .set(bearer(curator.token))
      .send({ sellerId: shop.sellerId, collection: 'Anyaman pilihan Tabanan', startsAt: new Date(Date.now() - day).toISOString(), endsAt: new Date(Date.now() + 5 * day).toISOString() });
    expect(featured.status).toBe(201);
    const after = await page('/');
    expect(after.text).toContain('Anyaman pilihan Tabanan');
    expect(after.text).toContain('Bambu Tabanan');
  });

  it('stores a category page in its default order, and shows a new product in it on the very next request', async () => {
    const before = await page('/categories/anyaman-bambu');
    expect(before.status).toBe(200);
    expect(before.headers.etag).toMatch(/^W\/"pp-/);
    expect((await page('/categories/anyaman-bambu').set('If-None-Match', before.headers.etag!)).status).toBe(304);
    const fresh = await shop.product({ title: { id: 'Sokasi bambu hias' } });
    const after = await page('/categories/anyaman-bambu');
    expect(after.text).toContain('Sokasi bambu hias');
    expect(after.text).toContain(`/products/${fresh.id}`);
    // Another order or page is rendered for the request.
    const sorted = await page('/categories/anyaman-bambu?sort=price_asc');
    expect(sorted.status).toBe(200);
    expect(sorted.headers.etag ?? '').not.toMatch(/pp-/);
  });

  it('stores a search page per query, and shows a product on the very next request after the index has it', async () => {
    await t.drainJobs();
    const first = await page('/search?q=keranjang&sort=newest');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^W\/"pp-/);
    expect(first.text).toContain('Keranjang bambu anyam');
    // The same query with its parameters in another order is the same page.
    expect((await page('/search?sort=newest&q=keranjang')).headers.etag).toBe(first.headers.etag);
    const other = await page('/search?q=tikar');
    expect(other.headers.etag).not.toBe(first.headers.etag);

    await shop.product({ title: { id: 'Keranjang pandan baru' } });
    // Saved but not yet in the index (the worker writes it): the page shows what search finds.
    expect((await page('/search?q=keranjang&sort=newest')).text).not.toContain('Keranjang pandan baru');
    await t.drainJobs();
    const after = await page('/search?q=keranjang&sort=newest');
    expect(after.text).toContain('Keranjang pandan baru');
    // A query the page does not vary by, or a bad value, takes the framework's way.
    expect((await page('/search?q=keranjang&utm_source=wa')).headers.etag ?? '').not.toMatch(/pp-/);
    expect((await page('/search?q=keranjang&page=0')).status).toBe(422);
  });

  it('stores a seller profile, and shows a changed story on the very next request', async () => {
    const [{ slug }] = await t.db.query(`SELECT slug FROM sellers WHERE id = $1`, [shop.sellerId]);
    const before = await page(`/sellers/${slug}`);
    expect(before.status).toBe(200);
    expect(before.headers.etag).toMatch(/^W\/"pp-/);
    await t
      .http()
      .patch(`/api/v1/sellers/${shop.sellerId}`)
      .set(bearer(shop.owner.token))
      .send({ story: { id: 'Tiga generasi menganyam bambu di Tabanan.' } })
      .expect(200);
    const after = await page(`/sellers/${slug}`);
    expect(after.text).toContain('Tiga generasi menganyam bambu di Tabanan.');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('stores the seller directory, and lists a new seller on the very next request', async () => {
    const before = await page('/sellers');
    expect(before.status).toBe(200);
    expect(before.headers.etag).toMatch(/^W\/"pp-/);
    const artisan = await registerUser(t, 'artisan', 'Made Pengrajin');
    const created = await t.http().post('/api/v1/sellers').set(bearer(artisan.token)).send({ name: 'Ukiran Mas Baru', regency: 'gianyar', businessForm: 'individual' });
    expect(created.status).toBe(201);
    const after = await page('/sellers');
    expect(after.text).toContain('Ukiran Mas Baru');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});

describe('public pages stored by two web processes', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ worker: false });
    b = await createSecondProcess(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('shows a price change, a sell-out and a suspension made through one process on the very next request to the other', async () => {
    const shop = await createSeller(a, 'Perak Celuk Dua');
    const { id } = await shop.product({ title: { id: 'Gelang perak ukir' }, stock: 1 });
    const onB = () => b.http().get(`/products/${id}`).set('Accept', 'text/html');
    const first = await onB();
    expect(first.text).toContain('Rp 150.000');
    // Stored on both processes, with the same validator for the same bytes.
    expect((await a.http().get(`/products/${id}`).set('Accept', 'text/html')).headers.etag).toBe(first.headers.etag);

    await reprice(a, shop.owner, id, 9_900_000);
    const repriced = await onB();
    expect(repriced.text).toContain('Rp 99.000');
    expect(repriced.text).toContain('action="/cart/items"');

    await a.http().patch(`/api/v1/products/${id}`).set(bearer(shop.owner.token)).send({ stock: 0 }).expect(200);
    const soldOut = await onB();
    expect(soldOut.text).not.toContain('action="/cart/items"');
    expect(soldOut.text).toContain('Stok habis');

    // A curator's suspension (the sellers' service, as curation calls it) takes the page down.
    await a.db.transaction((manager) => a.app.get(SellersService).setSuspension(manager, shop.sellerId, 'Uji penangguhan'));
    expect((await onB()).status).toBe(404);
  });

  it('shows the stock a checkout through one process left on the very next request to the other, down to sold out', async () => {
    const shop = await createSeller(a, 'Garam Amed Dua');
    const { id } = await shop.product({ title: { id: 'Garam laut Amed' }, stock: 2 });
    const stockOnB = async () => {
      const html = (await b.http().get(`/products/${id}`).set('Accept', 'text/html')).text;
      return { stock: /<dt>Stok<\/dt><dd>(\d+)<\/dd>/.exec(html)?.[1], buyable: html.includes('action="/cart/items"'), html };
    };
    expect(await stockOnB()).toMatchObject({ stock: '2', buyable: true });
    const buyer = await registerUser(a, 'buyer', 'Kadek Pembeli Garam');
    for (const left of ['1', '0']) {
      expect((await addToCart(a, buyer.token, id, 1)).status).toBe(201);
      expect((await checkout(a, buyer.token)).status).toBe(201);
      const now = await stockOnB();
      expect(now.stock).toBe(left);
      expect(now.buyable).toBe(left !== '0');
    }
    expect((await stockOnB()).html).toContain('Stok habis');
  });

  it('asks a buyer signed in on one process for a review once their order completes on the other, then shows the review', async () => {
    const shop = await createSeller(a, 'Tenun Sidemen');
    const { id } = await shop.product({ title: { id: 'Kain songket Sidemen' }, stock: 5 });
    const buyer = await registerUser(a, 'buyer', 'Nyoman Pembeli');
    const browser = await signInWithForm(b, buyer);
    const onB = () => browser.get(`/products/${id}`).set('Accept', 'text/html');
    const before = await onB();
    expect(before.text).toContain('Nyoman Pembeli');
    expect(before.text).not.toContain('/review"');

    expect((await addToCart(a, buyer.token, id, 1)).status).toBe(201);
    const orderId = (await checkout(a, buyer.token)).body.orders[0].id as string;
    for (const to of ['paid', 'processing', 'shipped', 'delivered', 'completed']) {
      const body = to === 'shipped' ? { to, trackingNumber: 'JNE0001' } : { to };
      await a
        .http()
        .post(`/api/v1/orders/${orderId}/transitions`)
        .set(bearer(await tokenFor(a, to, { buyer: buyer.token, seller: shop.owner.token })))
        .send(body)
        .expect(200);
    }
    const lineId = (await a.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token))).body.lines[0].id as string;
    expect((await onB()).text).toContain(`href="/order-lines/${lineId}/review"`);

    await a.http().post(`/api/v1/order-lines/${lineId}/review`).set(bearer(buyer.token)).send({ rating: 5, text: 'Tenunannya halus dan rapi' }).expect(201);
    const reviewed = await onB();
    expect(reviewed.text).toContain('Tenunannya halus dan rapi');
    expect(reviewed.text).not.toContain(`href="/order-lines/${lineId}/review"`);
    const anonymous = await b.http().get(`/products/${id}`).set('Accept', 'text/html');
    expect(anonymous.text).toContain('Tenunannya halus dan rapi');
    expect(anonymous.text).not.toContain('Nyoman Pembeli');
  });

  it('shows a featured collection made through one process on the very next request to the other', async () => {
    const shop = await createSeller(a, 'Gerabah Pejaten');
    await shop.product({ title: { id: 'Guci gerabah Pejaten' } });
    expect((await b.http().get('/').set('Accept', 'text/html')).text).not.toContain('Gerabah pilihan Tabanan');
    const curator = await createStaffUser(a, 'curator');
    const day = 86_400_000;
    await a
      .http()
      .post('/api/v1/curation/featured')
      .set(bearer(curator.token))
      .send({ sellerId: shop.sellerId, collection: 'Gerabah pilihan Tabanan', startsAt: new Date(Date.now() - day).toISOString(), endsAt: new Date(Date.now() + 5 * day).toISOString() })
      .expect(201);
    const home = await b.http().get('/').set('Accept', 'text/html');
    expect(home.text).toContain('Gerabah pilihan Tabanan');
    expect(home.text).toContain('Gerabah Pejaten');
  });

  it('ends a session revoked through one process on the very next request to the other', async () => {
    const buyer = await registerUser(a, 'buyer', 'Komang Sesi');
    const browser = await signInWithForm(b, buyer);
    const shop = await createSeller(a, 'Ukir Kayu Mas');
    const { id } = await shop.product({ title: { id: 'Topeng kayu Mas' } });
    expect((await browser.get(`/products/${id}`).set('Accept', 'text/html')).text).toContain('Komang Sesi');
    expect((await browser.get('/orders').set('Accept', 'text/html')).status).toBe(200);

    const sessions = await a.http().get('/api/v1/me/sessions').set(bearer(buyer.token));
    const browserSession = (sessions.body as Array<{ id: string; current: boolean; kind: string }>).find((s) => !s.current && s.kind === 'session');
    expect(browserSession).toBeDefined();
    await a.http().delete(`/api/v1/me/sessions/${browserSession!.id}`).set(bearer(buyer.token)).expect(204);

    const after = await browser.get(`/products/${id}`).set('Accept', 'text/html');
    expect(after.status).toBe(200);
    expect(after.text).not.toContain('Komang Sesi');
    expect(after.text).toContain('href="/login"');
    const orders = await browser.get('/orders').set('Accept', 'text/html');
    expect(orders.status).toBe(303);
    expect(orders.headers.location).toMatch(/^\/login/);
  });
});

describe('public pages behind a CDN', () => {
  let t: TestApp;
  let cdn: Server;
  const purges: Array<{ authorization?: string; body: unknown }> = [];

  beforeAll(async () => {
    // A stand-in for the CDN's purge endpoint: it keeps what it was asked.
    cdn = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        purges.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
    const { port } = cdn.address() as AddressInfo;
    t = await createTestApp({ worker: false, env: { CDN_MAX_AGE: '30', CDN_PURGE_URL: `http://127.0.0.1:${port}/purge`, CDN_PURGE_TOKEN: 'cdn-purge-token-1' } });
  });
  afterAll(async () => {
    await t?.close();
    // close() alone leaves the app's keep-alive connection open, and the Jest worker with it.
    if (cdn) await new Promise((resolve) => cdn.close(resolve).closeAllConnections());
  });

  /** Waits for the purge the app sends after a change (it gathers changes for a moment first). */
  const purgeOf = async (purge: string) => {
    for (let tries = 0; tries < 100 && !purges.some((p) => (p.body as { purge: string }).purge === purge); tries++) await new Promise((r) => setTimeout(r, 50));
    return purges.find((p) => (p.body as { purge: string }).purge === purge);
  };

  it('lets a CDN keep stored pages for CDN_MAX_AGE, never a signed-in page, and purges it on every change', async () => {
    const shop = await createSeller(t, 'Perak Celuk CDN');
    const { id } = await shop.product({ title: { id: 'Cincin perak Celuk' } });
    await t.http().get(`/products/${id}`).set('Accept', 'text/html');
    const stored = await t.http().get(`/products/${id}`).set('Accept', 'text/html');
    expect(stored.headers.etag).toMatch(/^W\/"pp-/);
    expect(stored.headers['cache-control']).toBe('public, s-maxage=30, max-age=0, must-revalidate');
    const buyer = await registerUser(t, 'buyer', 'Putu CDN');
    const signedIn = await (await signInWithForm(t, buyer)).get(`/products/${id}`).set('Accept', 'text/html');
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');

    purges.length = 0;
    await reprice(t, shop.owner, id, 12_500_000);
    expect(await purgeOf('everything')).toEqual({ authorization: 'Bearer cdn-purge-token-1', body: { purge: 'everything' } });
    // A search index write changes only the search pages.
    purges.length = 0;
    await t.drainJobs();
    expect(await purgeOf('/search')).toBeDefined();
    // A checkout moves only stock, which only the product's own page shows.
    purges.length = 0;
    expect((await addToCart(t, buyer.token, id, 1)).status).toBe(201);
    expect((await checkout(t, buyer.token)).status).toBe(201);
    expect(await purgeOf(`/products/${id}`)).toBeDefined();
    expect(purges.map((p) => (p.body as { purge: string }).purge)).not.toContain('everything');
  });
});
