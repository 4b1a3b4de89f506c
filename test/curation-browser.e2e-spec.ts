import { describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { bearer, createStaffUser, registerUser } from './support/test-app.js';

describe('curator pages in a phone browser', () => {
  const t = useBrowserApp({ worker: false });

  it('signs in as a regency curator, approves a document, features the seller, and the home page shows it', async () => {
    const curator = await createStaffUser(t, 'curator', { regency: 'klungkung' });
    const owner = await registerUser(t, 'artisan', 'Ni Ketut Sriasih');
    const seller = (await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name: 'Songket Gelgel Ni Ketut', regency: 'klungkung', businessForm: 'individual' })).body;
    const documentId = (await t.http().post(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token)).send({ type: 'NIB', number: '9120001234567' })).body.id;

    const context = await t.context('phone');
    const page = await context.newPage();
    await signInAs(page, t.base, curator);

    await page.goto(`${t.base}/dashboard/curation`);
    expect(await page.textContent('h1')).toContain('Kurasi Dinas');
    expect(await page.locator('svg.chart title').count()).toBe(3);
    expect((await snap(page, 'curation-dashboard-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'curation-dashboard-phone');

    await page.click(`#doc-${documentId} form:has(input[value=approve]) button`);
    await page.waitForURL((url) => url.searchParams.get('done') === 'decided');
    expect(await page.textContent('[role=status]')).toContain('Keputusan tersimpan');

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await page.selectOption('#featured-seller', seller.id);
    await page.fill('#featured-collection', 'Tenun Klungkung');
    await page.fill('#featured-starts', today);
    await page.fill('#featured-ends', today);
    await page.click('form[action="/dashboard/curation/featured"] button[type=submit]');
    await page.waitForURL((url) => url.searchParams.get('done') === 'featured');

    await page.goto(`${t.base}/`);
    const featured = page.locator('.home-featured');
    expect(await featured.textContent()).toContain('Songket Gelgel Ni Ketut');
    expect(await featured.textContent()).toContain('Tenun Klungkung');
    expect((await snap(page, 'home-featured-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'home-featured-phone');
    await context.close();

    const documents = await t.http().get(`/api/v1/sellers/${seller.id}/documents`).set(bearer(owner.token));
    expect(documents.body[0]).toMatchObject({ id: documentId, status: 'approved' });
  }, 180_000);
});
