import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SellersService } from '#libs/sellers';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('seller pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  async function signIn(email: string, password: string) {
    const browser = request.agent(t.app.getHttpServer());
    const login = await browser.get('/login');
    const signedIn = await browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email, password, next: '/dashboard' });
    expect(signedIn.status).toBe(303);
    return browser;
  }

  it('sends visitors to sign in, and shows each role its own dashboard links', async () => {
    const anonymous = await t.http().get('/dashboard').set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fdashboard');

    const buyer = await registerUser(t, 'buyer');
    const buyerPage = await (await signIn(buyer.email, buyer.password)).get('/dashboard');
    expect(buyerPage.status).toBe(200);
    expect(buyerPage.text).toContain('href="/orders"');
    expect(buyerPage.text).not.toContain('/dashboard/sellers/new');

    const curator = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const curatorPage = await (await signIn(curator.email, curator.password)).get('/dashboard');
    expect(curatorPage.text).toContain('href="/dashboard/curation"');
  });

  it('lets an artisan create a profile without JavaScript, fix errors, edit it and add a document', async () => {
    const artisan = await registerUser(t, 'artisan', 'Ni Made Sari');
    const browser = await signIn(artisan.email, artisan.password);
    const empty = await browser.get('/dashboard');
    expect(empty.text).toContain('href="/dashboard/sellers/new"');

    const form = await browser.get('/dashboard/sellers/new');
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.text);
    const bad = await browser.post('/dashboard/sellers/new').type('form').send({ _csrf: csrf, name: '', regency: 'bandung', businessForm: 'informal', whatsapp: '123' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Nama usaha wajib diisi');
    expect(bad.text).toContain('Pilih salah satu dari sembilan kabupaten/kota di Bali.');
    expect(bad.text).toContain('Nomor WhatsApp tidak valid');

    const created = await browser.post('/dashboard/sellers/new').type('form').send({
      _csrf: csrf,
      name: 'Tenun Endek Ni Made Sari',
      regency: 'denpasar',
      district: 'Denpasar Timur',
      businessForm: 'individual',
      whatsapp: '0812 3456 7890',
      storyId: 'Tiga generasi menenun endek.',
      storyEn: '',
    });
    expect(created.status).toBe(303);
    const sellerId = /\/dashboard\/sellers\/([0-9a-f-]{36})\/edit/.exec(created.headers.location!)![1]!;

    const dashboard = await browser.get('/dashboard');
    for (const area of ['products', 'storefront', 'orders', 'export', 'analytics', 'documents']) expect(dashboard.text).toContain(`href="/dashboard/sellers/${sellerId}/${area}"`);

    const edit = await browser.get(`/dashboard/sellers/${sellerId}/edit?saved=1`);
    expect(edit.text).toContain('value="Tenun Endek Ni Made Sari"');
    expect(edit.text).toContain('value="+6281234567890"');
    const edited = await browser
      .post(`/dashboard/sellers/${sellerId}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(edit.text), name: 'Endek Sari', slug: 'endek-sari', regency: 'denpasar', businessForm: 'individual', whatsapp: '', storyId: 'Cerita baru.', storyEn: 'A new story.' });
    expect(edited.status).toBe(303);
    const api = await t.http().get('/api/v1/sellers/endek-sari');
    expect(api.body).toMatchObject({ name: 'Endek Sari', whatsapp: null, story: { id: 'Cerita baru.', en: 'A new story.' }, district: null });

    const docs = await browser.get(`/dashboard/sellers/${sellerId}/documents`);
    expect(docs.status).toBe(200);
    const badDoc = await browser
      .post(`/dashboard/sellers/${sellerId}/documents`)
      .type('form')
      .send({ _csrf: csrfOf(docs.text), type: 'NIB', number: '12' });
    expect(badDoc.status).toBe(422);
    expect(badDoc.text).toContain('Nomor dokumen tidak valid');
    const added = await browser
      .post(`/dashboard/sellers/${sellerId}/documents`)
      .type('form')
      .send({ _csrf: csrfOf(docs.text), type: 'NIB', number: '9120001234567', issuedAt: '2024-01-02' });
    expect(added.status).toBe(303);
    const listed = await browser.get(`/dashboard/sellers/${sellerId}/documents?added=1`);
    expect(listed.text).toContain('9120001234567');
    expect(listed.text).toContain('Menunggu');

    // Someone else cannot open these pages.
    const stranger = await registerUser(t, 'artisan');
    const strangerBrowser = await signIn(stranger.email, stranger.password);
    expect((await strangerBrowser.get(`/dashboard/sellers/${sellerId}/edit`)).status).toBe(403);
    expect((await strangerBrowser.get(`/dashboard/sellers/${sellerId}/documents`)).status).toBe(403);
  });

  it('shows the public profile with story, regency, WhatsApp link and badges, never document numbers', async () => {
    const artisan = await registerUser(t, 'artisan');
    const seller = await t
      .http()
      .post('/api/v1/sellers')
      .set(bearer(artisan.token))
      .send({
        name: 'Kopi Arabika Kintamani',
        regency: 'bangli',
        district: 'Kintamani',
        businessForm: 'cooperative',
        whatsapp: '+6281299887766',
        story: { id: 'Kopi dari subak abian.', en: 'Coffee from the subak abian.' },
      });
    await t.http().post(`/api/v1/sellers/${seller.body.id}/documents`).set(bearer(artisan.token)).send({ type: 'NIB', number: '9120009876543' }).expect(201);
    await t.http().post(`/api/v1/sellers/${seller.body.id}/documents`).set(bearer(artisan.token)).send({ type: 'HALAL', number: 'ID51110000123' }).expect(201);
    await t.db.query(`UPDATE seller_documents SET status = 'approved' WHERE seller_id = $1`, [seller.body.id]);

    const page = await t.http().get(`/sellers/${seller.body.slug}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kopi dari subak abian.');
    expect(page.text).toContain('Kabupaten Bangli');
    expect(page.text).toContain('href="https://wa.me/6281299887766"');
    expect(page.text).toContain('✓ NIB');
    expect(page.text).toContain('✓ HALAL');
    expect(page.text).toContain('Berizin');
    expect(page.text).not.toContain('9120009876543');
    expect(page.text).not.toContain(artisan.email);

    const english = await t.http().get(`/sellers/${seller.body.slug}?lang=en`).set('Accept', 'text/html');
    expect(english.text).toContain('Coffee from the subak abian.');
    expect(english.text).toContain('Message on WhatsApp');

    expect((await t.http().get('/sellers/tidak-ada').set('Accept', 'text/html')).status).toBe(404);
    // Suspended the way curation does (the sellers' service): the stored profile goes at once.
    await t.db.transaction((manager) => t.app.get(SellersService).setSuspension(manager, seller.body.id, 'Uji penangguhan'));
    expect((await t.http().get(`/sellers/${seller.body.slug}`).set('Accept', 'text/html')).status).toBe(404);
  });
});
