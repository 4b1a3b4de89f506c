import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { insertSeller } from './support/catalogue-fixtures.js';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { registerUser } from './support/test-app.js';

describe('catalogue pages in a phone browser', () => {
  const t = useBrowserApp({ worker: false });

  it('adds a product with a photo from the dashboard and shows it on the product and home pages, without sideways scrolling', async () => {
    const artisan = await registerUser(t, 'artisan', 'Ni Wayan Tenun');
    const sellerId = await insertSeller(t, artisan.user.id, 'Tenun Endek Sidemen Wayan', { regency: 'karangasem', whatsapp: '+6281234567890' });
    const context = await t.context('phone');
    const page = await context.newPage();
    await signInAs(page, t.base, artisan, { open: `/dashboard/sellers/${sellerId}/products`, landsOn: `${t.base}/dashboard/sellers/${sellerId}/products` });
    expect((await snap(page, 'catalogue-dashboard-empty-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'catalogue-dashboard-empty-phone');

    await page.click(`a[href="/dashboard/sellers/${sellerId}/products/new"]`);
    await page.fill('#title_id', 'Kain endek motif cepuk');
    await page.fill('#description_id', 'Ditenun dengan ATBM di Sidemen, pewarna alam.');
    await page.selectOption('#categorySlug', 'endek');
    await page.fill('#price', '450.000');
    await page.fill('#stock', '3');
    await page.selectOption('#status', 'active');
    await page.fill('#materials', 'katun, pewarna alam');
    await page.fill('#hsCode', '5208.42');
    await Promise.all([page.waitForURL(/\?saved=1$/), page.click('form[novalidate] button[type=submit]')]);
    expect(await page.textContent('body')).toContain('Tersimpan.');

    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 154, g: 52, b: 18 } } })
      .jpeg()
      .toBuffer();
    await page.setInputFiles('#file', { name: 'endek.jpg', mimeType: 'image/jpeg', buffer: photo });
    await Promise.all([page.waitForURL(/\?saved=1$/), page.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    expect(await page.locator('.thumbs img').count()).toBe(1);
    expect((await snap(page, 'catalogue-product-form-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'catalogue-product-form-phone');

    const productPath = await page.getAttribute('a[href^="/products/"]', 'href');
    await page.goto(`${t.base}${productPath}`);
    expect(await page.textContent('h1')).toBe('Kain endek motif cepuk');
    expect(await page.textContent('.product-price')).toBe('Rp 450.000');
    expect(await page.evaluate('document.querySelector(".product-gallery img").naturalWidth')).toBeGreaterThan(0);
    expect((await snap(page, 'catalogue-product-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'catalogue-product-phone');

    await page.goto(`${t.base}/`);
    expect(await page.locator('.product-card').count()).toBe(1);
    expect((await snap(page, 'catalogue-home-phone')).overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'catalogue-home-phone');
    await context.close();
  });
});
