import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectAccessible, useBrowserApp } from './support/browser.js';
import { createSeller, stockOf, type Session } from './support/commerce.js';
import { registerUser } from './support/test-app.js';

/** A page is far shorter than this many stops; more means the control cannot be reached by Tab. */
const MAX_TABS = 80;

/**
 * Presses Tab until `selector` has the focus, as someone without a mouse or touch screen would,
 * and checks the focus can be seen there (an outline, or the browser's own ring).
 */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) {
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
      return;
    }
  }
  throw new Error(`${selector} cannot be reached with Tab on ${page.url()}`);
}

describe('checkout with the keyboard alone', () => {
  const t = useBrowserApp({ worker: false });
  let buyer: Session;
  let product: { id: string };

  beforeAll(async () => {
    const seller = await createSeller(t, 'Anyaman Tenganan');
    product = await seller.product({ title: { id: 'Tas anyaman ata', en: 'Ata woven bag' }, stock: 4 });
    buyer = await registerUser(t, 'buyer', 'Wayan Tanpa Tetikus');
  });

  it('adds to the cart, signs in and places an order on a phone with only Tab, arrow keys, Space and Enter', async () => {
    const context = await t.context('phone');
    const page = await context.newPage();
    await page.goto(`${t.base}/products/${product.id}`);
    await expectAccessible(page, 'product (phone, id)');

    await tabTo(page, '#quantity');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, 'form.add-to-cart button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cart/);
    expect(await page.textContent('main')).toContain('Tas anyaman ata');
    await expectAccessible(page, 'cart (phone, id)');

    await tabTo(page, 'a[href="/login?next=/checkout"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/login/);
    await tabTo(page, '#email');
    await page.keyboard.type(buyer.email);
    await tabTo(page, '#password');
    await page.keyboard.type(buyer.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/checkout$/);
    expect(await page.textContent('main')).toContain('Tas anyaman ata × 2');
    await expectAccessible(page, 'checkout (phone, id)');

    await tabTo(page, '#line1');
    await page.keyboard.type('Jl. Desa Tenganan 2');
    await tabTo(page, '#city');
    await page.keyboard.type('Karangasem');
    await tabTo(page, '#postalCode');
    await page.keyboard.type('80871');
    await tabTo(page, 'input[name=paymentMethod][value=bank_transfer]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[action="/checkout"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/checkout\/done\//);
    const confirmation = await page.textContent('main');
    expect(confirmation).toMatch(/PK-[A-Z0-9]{8}/);
    expect(confirmation).toContain('PT Pasar Kerthi Nusantara');
    await expectAccessible(page, 'order placed (phone, id)');
    expect(await stockOf(t, product.id)).toBe(2);
    await context.close();
  });
});
