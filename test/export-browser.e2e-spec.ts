import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { bearer, registerUser } from './support/test-app.js';

type User = Awaited<ReturnType<typeof registerUser>>;

const idr = (rupiah: number) => ({ amount: rupiah * 100, currency: 'IDR' });

describe('export pages in a phone browser', () => {
  const t = useBrowserApp({ worker: false });
  let owner: User;
  let buyer: User;
  let sellerId: string;
  let productId: string;

  beforeAll(async () => {
    owner = await registerUser(t, 'artisan', 'Ni Made Tenun');
    buyer = await registerUser(t, 'buyer', 'Emma Buyer');
    sellerId = (await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name: 'Tenun Sidemen Made', regency: 'karangasem', businessForm: 'individual' })).body.id;
    const product = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send({
        title: { id: 'Kain endek motif cepuk', en: 'Endek cloth, cepuk motif' },
        description: { id: 'Tenun ikat endek.', en: 'Endek ikat weaving.' },
        categorySlug: 'endek',
        price: idr(250_000),
        stock: 100,
        status: 'active',
        weightGrams: 400,
        hsCode: '520842',
        export: { moq: 10, priceTiers: [{ minQty: 10, price: idr(200_000) }], leadTimeDays: 21, capacityPerMonth: 200, incoterms: ['FOB'] },
      });
    productId = product.body.id;
  });

  it('lets a buyer request a quote from the product page, the seller answer it and fill the export profile, all without JavaScript', async () => {
    const buyerContext = await t.context('phone', { locale: 'en-GB', javaScriptEnabled: false });
    const buyerPage = await buyerContext.newPage();
    await signInAs(buyerPage, t.base, buyer, { open: '/login?lang=en' });
    await buyerPage.goto(`${t.base}/products/${productId}`);
    await buyerPage.click(`a[href="/rfqs/new?productId=${productId}"]`);
    await buyerPage.fill('#quantity', '40');
    await buyerPage.fill('#destinationCountry', 'au');
    await buyerPage.fill('#message', 'Forty pieces for our shop in Melbourne, please.');
    expect((await snap(buyerPage, 'export-rfq-form-phone')).overflow).toBe(0);
    await expectAccessible(buyerPage, 'export-rfq-form-phone');
    await buyerPage.click('form[action="/rfqs"] button[type=submit]');
    await buyerPage.waitForURL(/\/rfqs\?sent=1/);
    expect(await buyerPage.textContent('main')).toContain('Australia');

    const sellerContext = await t.context('phone', { javaScriptEnabled: false });
    const sellerPage = await sellerContext.newPage();
    await signInAs(sellerPage, t.base, owner, { open: '/login?lang=id' });
    await sellerPage.goto(`${t.base}/dashboard/sellers/${sellerId}/rfqs`);
    expect(await sellerPage.textContent('main')).toContain('Emma Buyer');
    await sellerPage.fill('input[name="unitPrice"]', '190.000');
    await sellerPage.fill('input[name="leadTimeDays"]', '21');
    expect((await snap(sellerPage, 'export-inbox-phone')).overflow).toBe(0);
    await expectAccessible(sellerPage, 'export-inbox-phone');
    await sellerPage.click('form.quote-form button[type=submit]');
    await sellerPage.waitForURL(/sent=1/);
    expect(await sellerPage.textContent('main')).toContain('Rp 190.000');

    await sellerPage.goto(`${t.base}/dashboard/sellers/${sellerId}/export`);
    const before = await sellerPage.textContent('.score-number');
    await sellerPage.selectOption('#exportExperience', 'indirect');
    await sellerPage.fill('#targetMarkets', 'au, jp');
    await sellerPage.fill('#productionCapacityPerMonth', '200');
    await sellerPage.check('input[name="hasExportPlan"]');
    await sellerPage.check('input[name="paymentTermsAccepted"][value="TT"]');
    await sellerPage.selectOption('#portOfLoading', 'benoa');
    await sellerPage.click('form[action$="/export"] button[type=submit]');
    await sellerPage.waitForURL(/saved=1/);
    expect(await sellerPage.textContent('main')).toContain('Profil ekspor tersimpan.');
    expect(Number(await sellerPage.textContent('.score-number'))).toBeGreaterThan(Number(before));
    expect(await sellerPage.inputValue('#targetMarkets')).toBe('AU, JP');
    expect(await sellerPage.textContent('main')).toContain('Daftarkan NIB di OSS (oss.go.id)');
    expect((await snap(sellerPage, 'export-dashboard-phone')).overflow).toBe(0);
    await expectAccessible(sellerPage, 'export-dashboard-phone');

    await sellerPage.fill('#productionCapacityPerMonth', 'banyak');
    await sellerPage.click('form[action$="/export"] button[type=submit]');
    expect(await sellerPage.textContent('#productionCapacityPerMonth-error')).toBeTruthy();
    await sellerContext.close();

    await buyerPage.goto(`${t.base}/rfqs`);
    await buyerPage.click('form[action^="/rfqs/quotes/"] button[type=submit]');
    // Accepting leads to how to pay: the platform's account and the transfer's reference.
    await buyerPage.waitForURL(/\/checkout\/done\//);
    expect(await buyerPage.textContent('main')).toMatch(/PT Pasar Kerthi Nusantara[\s\S]*PK-[A-Z0-9]{8}/);
    await buyerPage.click('main a[href^="/orders/"]');
    await buyerPage.waitForURL(/\/orders\//);
    expect(await buyerPage.textContent('main')).toContain('Endek');
    await buyerContext.close();
    // Two browsers and a dozen page loads: generous, for a 2-core machine shared with other test files.
  }, 300_000);
});
