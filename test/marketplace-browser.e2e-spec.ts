import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { bearer, registerUser } from './support/test-app.js';

describe('marketplace pages in a browser', () => {
  const t = useBrowserApp({ worker: false });
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let seller: { id: string; slug: string };

  beforeAll(async () => {
    owner = await registerUser(t, 'artisan', 'Ni Komang Perak');
    const regencies = ['gianyar', 'gianyar', 'badung', 'karangasem'];
    for (const [i, regency] of regencies.entries()) {
      const account = i === 0 ? owner : await registerUser(t, 'artisan', `Perajin ${i}`);
      const created = await t
        .http()
        .post('/api/v1/sellers')
        .set(bearer(account.token))
        .send({
          name: i === 0 ? 'Perak Celuk Ni Komang dengan Nama Usaha yang Sangat Panjang Sekali' : `Kerajinan Bali ${i}`,
          regency,
          businessForm: 'individual',
        });
      expect(created.status).toBe(201);
      if (i === 0) seller = { id: created.body.id, slug: created.body.slug };
    }
    for (let i = 0; i < 6; i++) {
      const product = await t
        .http()
        .post(`/api/v1/sellers/${seller.id}/products`)
        .set(bearer(owner.token))
        .send({
          title: { id: `Cincin perak motif bunga jepun nomor ${i + 1} buatan tangan` },
          description: { id: '<p>Perak 925.</p>' },
          categorySlug: 'perhiasan-perak',
          price: { amount: (350_000 + i * 25_000) * 100, currency: 'IDR' },
          stock: 3,
          status: 'active',
        });
      expect(product.status).toBe(201);
    }
  });

  /** Loads `path` on a 360 px phone without JavaScript, keeps a screenshot and checks nothing is wider than the screen. */
  const onPhone = async (path: string, shot: string) => {
    const context = await t.context('phone', { javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${t.base}${path}`);
    expect(response?.status()).toBe(200);
    const { overflow } = await snap(page, shot);
    await expectAccessible(page, shot);
    expect(overflow).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    return { page, context };
  };

  it('shows a category page on a 360 px phone without overflow', async () => {
    const { page, context } = await onPhone('/categories/perhiasan-perak', 'category-phone');
    expect(await page.locator('.product-card').count()).toBe(6);
    await expect(page.locator('h1').textContent()).resolves.toBe('Perhiasan perak');
    await context.close();
  });

  it('shows the seller directory on a 360 px phone without overflow, and its regency filter works by links', async () => {
    const { page, context } = await onPhone('/sellers', 'seller-directory-phone');
    expect(await page.locator('.seller-item').count()).toBe(4);
    await page.click('a[href="/sellers?regency=gianyar"]');
    expect(new URL(page.url()).search).toBe('?regency=gianyar');
    expect(await page.locator('.seller-item').count()).toBe(2);
    await context.close();
  });

  it('saves a section in the editor without leaving the page and the live preview shows it', async () => {
    const context = await t.context('desktop');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The refused save below answers 422 on purpose; nothing else may fail.
    page.on('response', (response) => response.status() >= 400 && !(response.status() === 422 && response.request().method() === 'POST') && errors.push(`${response.status()} ${response.url()}`));
    await signInAs(page, t.base, owner);
    await page.goto(`${t.base}/dashboard/sellers/${seller.id}/storefront`);
    const preview = page.frameLocator('#sfe-preview-frame');
    await expect(preview.locator('h1').first().textContent()).resolves.toContain('Perak Celuk');
    // A marker on the window survives only if the page is not reloaded.
    await page.evaluate('window.stillHere = true');
    await page.click('#section-hero summary');
    await page.fill('#section-hero input[name="s[heading][id]"]', 'Perak dari Celuk, langsung dari bengkel');
    await page.click('#section-hero button[name="op"][value="save"]');
    await expect(preview.locator('h1', { hasText: 'Perak dari Celuk, langsung dari bengkel' }).waitFor({ timeout: 20_000 })).resolves.toBeUndefined();
    expect(await page.evaluate('window.stillHere')).toBe(true);
    expect(await page.locator('#section-hero').getAttribute('open')).not.toBeNull();
    await expect(page.locator('#sfe-panel [role="status"]').textContent()).resolves.toBeTruthy();
    // A refused value shows its reason in the panel (422), still without a page load.
    await page.fill('#section-hero input[name="s[buttonUrl]"]', 'javascript:alert(1)');
    await page.click('#section-hero button[name="op"][value="save"]');
    await expect(page.locator('#sfe-panel [role="alert"]').textContent({ timeout: 20_000 })).resolves.toContain('buttonUrl');
    expect(await page.evaluate('window.stillHere')).toBe(true);
    await page.goto(`${t.base}/dashboard/sellers/${seller.id}/storefront`);
    await page.evaluate('window.stillHere = true');
    // Moving a section also saves in the background; the order in the editor follows.
    await page.click('#section-products summary');
    await page.click('#section-products button[name="op"][value="up"]');
    await page.locator('#sfe-panel > details#section-products:first-of-type').waitFor({ timeout: 20_000 });
    expect(await page.evaluate('window.stillHere')).toBe(true);
    await snap(page, 'storefront-editor-desktop');
    await expectAccessible(page, 'storefront-editor-desktop');
    const [panelBox, frameBox] = [await page.locator('#sfe-panel').boundingBox(), await page.locator('#sfe-preview-frame').boundingBox()];
    expect(frameBox!.x).toBeGreaterThan(panelBox!.x + panelBox!.width - 1); // beside the forms
    expect(errors).toEqual([]);
    await context.close();
  });

  it('puts the live preview below the editor on a 360 px phone, nothing wider than the screen', async () => {
    const context = await t.context('phone');
    const page = await context.newPage();
    await signInAs(page, t.base, owner);
    await page.goto(`${t.base}/dashboard/sellers/${seller.id}/storefront`);
    await page.locator('#sfe-preview-frame').scrollIntoViewIfNeeded();
    const [panelBox, frameBox] = [await page.locator('#sfe-panel').boundingBox(), await page.locator('#sfe-preview-frame').boundingBox()];
    expect(frameBox!.y).toBeGreaterThan(panelBox!.y + panelBox!.height - 1);
    expect(frameBox!.width).toBeLessThanOrEqual(360);
    const { overflow } = await snap(page, 'storefront-editor-phone');
    await expectAccessible(page, 'storefront-editor-phone');
    expect(overflow).toBe(0);
    await context.close();
  });
});
