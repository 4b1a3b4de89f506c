import { describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { bearer, registerUser } from './support/test-app.js';

describe('seller pages in a phone browser', () => {
  const t = useBrowserApp({ worker: false });

  it('signs in, creates a business profile, adds a document and shows the public profile, without sideways scrolling', async () => {
    const artisan = await registerUser(t, 'artisan', 'I Ketut Suarta');
    const context = await t.context('phone');
    const page = await context.newPage();
    await signInAs(page, t.base, artisan, { open: '/dashboard', landsOn: `${t.base}/dashboard` });
    expect((await snap(page, 'sellers-dashboard-empty-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sellers-dashboard-empty-phone');

    await page.click('a[href="/dashboard/sellers/new"]');
    await page.fill('#name', 'Perak Celuk Ketut Suarta');
    await page.selectOption('#regency', 'gianyar');
    await page.fill('#district', 'Sukawati');
    await page.selectOption('#businessForm', 'individual');
    await page.fill('#whatsapp', '0812 3456 7890');
    await page.fill('#storyId', 'Granulasi perak khas Celuk sejak 1985.');
    await Promise.all([page.waitForURL(/\/edit\?saved=1$/), page.click('.seller-form button[type=submit]')]);
    expect(await page.textContent('body')).toContain('Tersimpan.');
    expect((await snap(page, 'sellers-form-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sellers-form-phone');

    await page.click('a[href$="/documents"]');
    await page.selectOption('#type', 'NIB');
    await page.fill('#number', '9120001234567');
    await Promise.all([page.waitForURL(/added=1$/), page.click('form[action$="/documents"] button[type=submit]')]);
    expect(await page.textContent('table.documents')).toContain('Menunggu');
    expect((await snap(page, 'sellers-documents-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sellers-documents-phone');

    await page.goto(`${t.base}/dashboard`);
    expect((await snap(page, 'sellers-dashboard-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sellers-dashboard-phone');
    const [seller] = (await t.http().get('/api/v1/me/sellers').set(bearer(artisan.token))).body.items;
    await page.goto(`${t.base}/sellers/${seller.slug}`);
    expect(await page.getAttribute('a[href^="https://wa.me/"]', 'href')).toBe('https://wa.me/6281234567890');
    expect((await snap(page, 'sellers-profile-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sellers-profile-phone');
    await context.close();
  });
});
