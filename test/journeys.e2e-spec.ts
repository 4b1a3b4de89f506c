import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expectAccessible, signInAs, snap, useBrowserApp, type ViewportName } from './support/browser.js';
import { bearer, createStaffUser, registerUser } from './support/test-app.js';

/**
 * The three journeys of the product, end to end in a real browser on a desktop and a phone:
 * an artisan opening a shop, an overseas buyer ordering from two sellers, a curator
 * verifying and featuring a seller. Screenshots land in test-results/screenshots.
 */

const rp = (whole: number) => ({ amount: whole * 100, currency: 'IDR' });
const nib = () => `912${randomBytes(5).readUIntBE(0, 5).toString().padStart(10, '0').slice(0, 10)}`;

/** Today in Bali (WITA, UTC+8), as a date input wants it. */
const baliDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A loaded 2-core CI machine runs a journey in about a minute; give each room to finish. */
const SLOW = 240_000;

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

describe('browser journeys', () => {
  const t = useBrowserApp({ worker: false });
  let setupCurator: { token: string };

  /** Sends a form and waits for the page it leads to. */
  async function submit(page: Page, button: string, url: RegExp | string) {
    await Promise.all([page.waitForURL(url), page.click(button)]);
  }

  /** A seller through the API, with a pending NIB; `approve` has a curator approve it. */
  async function apiSeller(name: string, regency: string, approve: boolean) {
    const owner = await registerUser(t, 'artisan', `Pemilik ${name}`);
    const seller = await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name, regency, businessForm: 'individual' });
    expect(seller.status).toBe(201);
    const document = await t.http().post(`/api/v1/sellers/${seller.body.id}/documents`).set(bearer(owner.token)).send({ type: 'NIB', number: nib() });
    expect(document.status).toBe(201);
    if (approve) {
      const decided = await t.http().post(`/api/v1/curation/documents/${document.body.id}/decision`).set(bearer(setupCurator.token)).send({ decision: 'approve' });
      expect(decided.status).toBe(200);
    }
    return { owner, id: seller.body.id as string, slug: seller.body.slug as string, documentId: document.body.id as string };
  }

  beforeAll(async () => {
    setupCurator = await createStaffUser(t, 'curator');

    // Journey 2's shelves: two export-ready sellers with an endek product each, and one endek product that is not export-ready.
    const sidemen = await apiSeller('Tenun Sidemen Lestari', 'karangasem', true);
    const gelgel = await apiSeller('Endek Gelgel Klungkung', 'klungkung', true);
    const exportListing = { moq: 10, priceTiers: [{ minQty: 10, price: rp(400_000) }], leadTimeDays: 30, capacityPerMonth: 200, incoterms: ['FOB'] };
    const products = [
      [
        sidemen,
        {
          title: { id: 'Kain tenun endek motif cepuk', en: 'Endek cloth with cepuk motif' },
          description: { id: '<p>Kain endek dari Sidemen.</p>', en: '<p>Handwoven endek cloth from Sidemen.</p>' },
          price: rp(450_000),
          export: exportListing,
        },
      ],
      [sidemen, { title: { id: 'Sarung endek motif lubeng' }, description: { id: 'Sarung endek sehari-hari.' }, price: rp(300_000) }],
      [
        gelgel,
        {
          title: { id: 'Selendang endek Gelgel', en: 'Endek scarf from Gelgel' },
          description: { id: '<p>Selendang endek pewarna alam.</p>', en: '<p>Endek scarf in natural dyes.</p>' },
          price: rp(275_000),
          export: exportListing,
        },
      ],
    ] as const;
    for (const [seller, body] of products) {
      const created = await t
        .http()
        .post(`/api/v1/sellers/${seller.id}/products`)
        .set(bearer(seller.owner.token))
        .send({
          categorySlug: 'endek',
          stock: 50,
          status: 'active',
          weightGrams: 300,
          hsCode: '5208.42',
          materials: ['katun'],
          ...body,
        });
      expect(created.status).toBe(201);
    }
    for (const seller of [sidemen, gelgel]) {
      await t.http().put(`/api/v1/sellers/${seller.id}/export-profile`).set(bearer(seller.owner.token)).send(exportProfile).expect(200);
    }
    await t.drainJobs();
  }, SLOW);

  describe.each(['desktop', 'phone'] as ViewportName[])('on a %s', (viewport) => {
    const fits = async (page: Page, step: string) => {
      const { overflow } = await snap(page, `journey-${step}-${viewport}`);
      await expectAccessible(page, `journey-${step}-${viewport}`);
      if (viewport === 'phone') expect(overflow).toBeLessThanOrEqual(0);
    };

    it(
      'an artisan registers, opens a seller profile, adds a product with a photo and publishes a storefront',
      async () => {
        const context = await t.context(viewport);
        const page = await context.newPage();
        const shop = `Perak Celuk Made ${viewport === 'phone' ? 'Ponsel' : 'Meja'}`;
        const product = `Gelang perak granulasi ${viewport}`;
        const heading = `Perak tangan dari Celuk (${viewport})`;
        const email = `made-${viewport}-${randomBytes(3).toString('hex')}@example.test`;

        await page.goto(`${t.base}/register`);
        await page.check('input[name=role][value=artisan]');
        await page.fill('#name', 'I Made Perak');
        await page.fill('#email', email);
        await page.fill('#password', 'correct-horse-1');
        await fits(page, 'artisan-register');
        await submit(page, 'form[action="/register"] button[type=submit]', `${t.base}/dashboard`);
        expect(await page.textContent('h1')).toContain('I Made Perak');
        await fits(page, 'artisan-dashboard');

        await page.click('a[href="/dashboard/sellers/new"]');
        await page.fill('#name', shop);
        await page.selectOption('#regency', 'gianyar');
        await page.fill('#district', 'Sukawati');
        await page.selectOption('#businessForm', 'individual');
        await page.fill('#whatsapp', '0812 3456 7890');
        await page.fill('#storyId', 'Perhiasan perak granulasi khas Celuk.');
        await submit(page, '.seller-form button[type=submit]', /\/dashboard\/sellers\/[0-9a-f-]+\/edit\?saved=1$/);
        expect(await page.textContent('main')).toContain('Tersimpan.');
        const sellerId = new URL(page.url()).pathname.split('/')[3]!;
        await fits(page, 'artisan-seller');

        await page.click(`.seller-form a[href="/dashboard/sellers/${sellerId}/products"]`);
        await page.click(`a[href="/dashboard/sellers/${sellerId}/products/new"]`);
        await page.fill('#title_id', product);
        await page.fill('#description_id', 'Perak 925, dikerjakan dengan tangan di Celuk.');
        await page.selectOption('#categorySlug', 'perhiasan-perak');
        await page.fill('#price', '350.000');
        await page.fill('#stock', '5');
        await page.selectOption('#status', 'active');
        await submit(page, 'form[novalidate] button[type=submit]', /\/products\/[0-9a-f-]+\?saved=1$/);
        expect(await page.textContent('main')).toContain('Tersimpan.');
        const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 148, g: 163, b: 184 } } })
          .jpeg()
          .toBuffer();
        await page.setInputFiles('#file', { name: 'gelang.jpg', mimeType: 'image/jpeg', buffer: photo });
        await submit(page, 'form[enctype="multipart/form-data"] button[type=submit]', /\?saved=1$/);
        expect(await page.locator('.thumbs img').count()).toBe(1);
        await fits(page, 'artisan-product');

        await page.click('a[href="/dashboard"]');
        await page.click(`a[href="/dashboard/sellers/${sellerId}/storefront"]`);
        await page.waitForURL(`${t.base}/dashboard/sellers/${sellerId}/storefront`);
        await page.click('#section-hero summary');
        await page.fill('#section-hero input[name="s[heading][id]"]', heading);
        await submit(page, '#section-hero button[name=op][value=save]', /storefront\?saved=1/);
        expect(await page.textContent('main')).toContain('Tersimpan');
        await submit(page, 'form[action$="/storefront/publish"] button[type=submit]', /storefront\?published=1$/);
        await fits(page, 'artisan-editor');

        await page.click('.sfe-status p a[href^="/s/"]');
        await page.waitForURL(/\/s\/[a-z0-9-]+$/);
        expect(await page.locator('h1').first().textContent()).toContain(heading);
        expect(await page.textContent('body')).toContain(product);
        await fits(page, 'artisan-storefront');
        await context.close();
      },
      SLOW,
    );

    it(
      'an overseas buyer switches to English and USD, finds endek despite a typo, filters export-ready and orders from two sellers by bank transfer',
      async () => {
        const buyer = await registerUser(t, 'buyer', `Emma ${viewport}`);
        const context = await t.context(viewport, { locale: 'de-DE' });
        const page = await context.newPage();
        await page.goto(`${t.base}/`);
        expect(await page.getAttribute('html', 'lang')).toBe('id');
        await page.click('header a.lang');
        await page.waitForURL(/[?&]lang=en/);
        expect(await page.textContent('header a.lang')).toContain('Bahasa Indonesia');
        await fits(page, 'buyer-home-en');

        await page.fill('#site-q', 'endak');
        await submit(page, 'form.search-box[action="/search"] button[type=submit]', /\/search\?q=endak/);
        expect(await page.textContent('h1')).toContain('endak');
        expect(await page.locator('.search-results .product-card').count()).toBe(3);
        await page.selectOption('#currency', 'USD');
        await submit(page, '.search-filters button[type=submit]', /currency=USD/);
        expect(await page.locator('.search-results .estimate').first().textContent()).toMatch(/≈ .*\$\s?\d/);
        await page.check('.search-filters input[name=exportReady][value=true]');
        await submit(page, '.search-filters button[type=submit]', /exportReady=true/);
        const results = page.locator('.search-results .product-card');
        expect(await results.count()).toBe(2);
        expect(await page.locator('.search-results .badge.ok').count()).toBe(2);
        const listing = await page.textContent('.search-results');
        expect(listing).toContain('Endek cloth with cepuk motif');
        expect(listing).toContain('Endek scarf from Gelgel');
        expect(listing).not.toContain('Sarung endek');
        await fits(page, 'buyer-search');
        const searchUrl = page.url();

        for (const title of ['Endek cloth with cepuk motif', 'Endek scarf from Gelgel']) {
          await page.goto(searchUrl);
          await page.click(`.search-results a:has-text("${title}")`);
          await page.waitForURL(/\/products\/[0-9a-f-]+/);
          expect(await page.textContent('h1')).toBe(title);
          await submit(page, 'form.add-to-cart button[type=submit]', /\/cart/);
        }
        const cart = await page.textContent('main');
        expect(cart).toContain('Endek cloth with cepuk motif');
        expect(cart).toContain('Endek scarf from Gelgel');
        await fits(page, 'buyer-cart');

        await page.click('a[href="/login?next=/checkout"]');
        await signInAs(page, t.base, buyer, { open: false, landsOn: /\/checkout$/ });
        await page.fill('#name', 'Emma Schmidt');
        await page.fill('#line1', '12 Collins Street');
        await page.fill('#city', 'Melbourne');
        await page.fill('#postalCode', '3000');
        await page.fill('#country', 'AU');
        await page.check('input[name=paymentMethod][value=bank_transfer]');
        await fits(page, 'buyer-checkout');
        await submit(page, 'form[action="/checkout"] button[type=submit]', /\/checkout\/done\//);
        const done = await page.textContent('main');
        expect(done).toMatch(/PK-[A-Z0-9]{8}/);
        expect(await page.locator('main ul.plain li').count()).toBe(2);
        await fits(page, 'buyer-done');

        await page.click('header a[href="/orders"]');
        await page.waitForURL(`${t.base}/orders`);
        expect(await page.locator('.order-row').count()).toBe(2);
        expect(await page.textContent('main')).toContain('Awaiting payment');
        await fits(page, 'buyer-orders');
        await context.close();
      },
      SLOW,
    );

    it(
      'a curator signs in, approves a pending document and features the seller, who then shows on the home page',
      async () => {
        const name = `Kopi Kintamani Wayan ${viewport === 'phone' ? 'Ponsel' : 'Meja'}`;
        const seller = await apiSeller(name, 'bangli', false);
        const curator = await createStaffUser(t, 'curator', { regency: 'bangli' });
        const context = await t.context(viewport);
        const page = await context.newPage();
        await signInAs(page, t.base, curator);
        await page.click('header a[href="/dashboard"]');
        await page.waitForURL(`${t.base}/dashboard`);
        await page.click('a[href="/dashboard/curation"]');
        await page.waitForURL(`${t.base}/dashboard/curation`);
        const pending = page.locator(`#doc-${seller.documentId}`);
        expect(await pending.textContent()).toContain(name);
        await fits(page, 'curator-queue');

        await submit(page, `#doc-${seller.documentId} form:has(input[name=decision][value=approve]) button[type=submit]`, /done=decided/);
        expect(await page.textContent('main')).toContain('Keputusan tersimpan.');
        expect(await page.locator(`#doc-${seller.documentId}`).count()).toBe(0);

        await page.selectOption('#featured-seller', seller.id);
        await page.fill('#featured-collection', 'Kopi Kintamani');
        await page.fill('#featured-starts', baliDate());
        await page.fill('#featured-ends', baliDate(30));
        await page.fill('#featured-note', 'Kopi arabika dari lereng Batur.');
        await submit(page, 'form[action="/dashboard/curation/featured"] button[type=submit]', /done=featured/);
        expect(await page.textContent('main')).toContain('Penjual ditampilkan.');
        expect(await page.textContent('.curation-featured')).toContain(name);
        await fits(page, 'curator-featured');

        await page.click('header a.brand');
        await page.waitForURL(`${t.base}/`);
        const featured = page.locator('.home-featured');
        expect(await featured.textContent()).toContain(name);
        expect(await featured.textContent()).toContain('Kopi Kintamani');
        expect(await featured.locator(`a[href="/sellers/${seller.slug}"]`).count()).toBe(1);
        await fits(page, 'curator-home');
        await context.close();
      },
      SLOW,
    );
  });
});
