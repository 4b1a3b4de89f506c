import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { createSeller, type Session } from './support/commerce.js';
import { createStaffUser, registerUser } from './support/test-app.js';

describe('commerce in a phone browser', () => {
  const t = useBrowserApp({ worker: false });
  let buyer: Session;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let product: { id: string };

  beforeAll(async () => {
    seller = await createSeller(t, 'Perak Celuk');
    product = await seller.product({ title: { id: 'Cincin perak motif jawan', en: 'Silver ring, jawan motif' }, stock: 4 });
    buyer = await registerUser(t, 'buyer', 'Komang Pembeli');
  });

  it('adds to the cart as a guest, signs in, checks out by bank transfer, the platform admin confirms the payment and the seller prepares the order, without sideways scrolling', async () => {
    const context = await t.context('phone');
    const page = await context.newPage();
    await page.goto(`${t.base}/products/${product.id}`);
    await page.fill('#quantity', '2');
    await page.click('form.add-to-cart button[type=submit]');
    await page.waitForURL(/\/cart/);
    expect(await page.textContent('main')).toContain('Cincin perak motif jawan');
    expect((await snap(page, 'commerce-cart-phone')).overflow).toBe(0);
    await expectAccessible(page, 'commerce-cart-phone');

    await page.click('text=Masuk untuk melanjutkan ke pembayaran');
    await signInAs(page, t.base, buyer, { open: false, landsOn: /\/checkout$/ });
    expect(await page.textContent('main')).toContain('Cincin perak motif jawan × 2');
    await page.fill('#line1', 'Jl. Raya Celuk 3');
    await page.fill('#city', 'Gianyar');
    await page.fill('#postalCode', '80582');
    expect((await snap(page, 'commerce-checkout-phone')).overflow).toBe(0);
    await expectAccessible(page, 'commerce-checkout-phone');
    await page.click('form[action="/checkout"] button[type=submit]');
    await page.waitForURL(/\/checkout\/done\//);
    const confirmation = await page.textContent('main');
    expect(confirmation).toContain('PT Pasar Kerthi Nusantara');
    expect(confirmation).toMatch(/PK-[A-Z0-9]{8}/);
    expect((await snap(page, 'commerce-confirmation-phone')).overflow).toBe(0);
    await expectAccessible(page, 'commerce-confirmation-phone');

    await page.click('a[href^="/orders/"]');
    expect(await page.textContent('main')).toContain('Menunggu pembayaran');
    const orderPath = new URL(page.url()).pathname;
    expect((await snap(page, 'commerce-order-phone')).overflow).toBe(0);
    await expectAccessible(page, 'commerce-order-phone');
    await context.close();

    const sellerContext = await t.context('phone', { locale: 'en-GB' });
    const sellerPage = await sellerContext.newPage();
    await signInAs(sellerPage, t.base, seller.owner, { open: '/login?lang=en' });
    await sellerPage.goto(`${t.base}/dashboard/sellers/${seller.sellerId}/orders`);
    expect((await snap(sellerPage, 'commerce-seller-orders-phone')).overflow).toBe(0);
    await expectAccessible(sellerPage, 'commerce-seller-orders-phone');
    // Only the platform confirms that the transfer arrived.
    expect(await sellerPage.textContent('main')).not.toContain('Confirm payment received');

    const adminContext = await t.context('phone', { locale: 'en-GB' });
    const adminPage = await adminContext.newPage();
    const admin = await createStaffUser(t, 'admin');
    await signInAs(adminPage, t.base, admin, { open: '/login?lang=en' });
    await adminPage.goto(`${t.base}${orderPath}`);
    await adminPage.click('text=Confirm payment received');
    await adminPage.waitForLoadState();
    expect(await adminPage.textContent('main')).toContain('Paid');
    await expectAccessible(adminPage, 'commerce-order-admin-phone-en');
    await adminContext.close();

    await sellerPage.goto(`${t.base}/dashboard/sellers/${seller.sellerId}/orders`);
    expect(await sellerPage.textContent('main')).toContain('Paid');
    expect(await sellerPage.textContent('main')).toContain('Start processing');
    await sellerContext.close();
  });
});
