import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { createSeller, type Session } from './support/commerce.js';
import { registerUser } from './support/test-app.js';
import { fakeXendit, sendInvoiceCallback } from './support/xendit.js';

describe('paying by QRIS through Xendit in a phone browser', () => {
  const t = useBrowserApp({ worker: false, standIn: fakeXendit });
  let buyer: Session;
  let product: { id: string };

  beforeAll(async () => {
    const seller = await createSeller(t, 'Kopi Kintamani');
    product = await seller.product({ title: { id: 'Kopi arabika Kintamani 250 g', en: 'Kintamani arabica coffee 250 g' }, stock: 3 });
    buyer = await registerUser(t, 'buyer', 'Putu Pembeli');
  });

  it('chooses QRIS at checkout, lands on the invoice page, and the order shows "Dibayar" once the callback arrives', async () => {
    const context = await t.context('phone');
    const page = await context.newPage();
    await signInAs(page, t.base, buyer);
    await page.goto(`${t.base}/products/${product.id}`);
    await page.click('form.add-to-cart button[type=submit]');
    await page.waitForURL(/\/cart/);
    await page.goto(`${t.base}/checkout`);

    // Offered first, and chosen already, for an Indonesian buyer.
    // Read in the page; the test's own lib has no DOM types.
    const methods = (await page.evaluate(`[...document.querySelectorAll('input[name=paymentMethod]')].map((i) => ({ value: i.value, checked: i.checked }))`)) as Array<{
      value: string;
      checked: boolean;
    }>;
    expect(methods[0]).toEqual({ value: 'xendit', checked: true });
    expect(await page.textContent('main')).toContain('QRIS, transfer virtual account, e-wallet');
    await page.fill('#line1', 'Jl. Raya Kintamani 1');
    await page.fill('#city', 'Bangli');
    await page.fill('#postalCode', '80652');
    expect((await snap(page, 'xendit-checkout-phone')).overflow).toBe(0);
    await expectAccessible(page, 'xendit-checkout-phone');
    await page.click('form[action="/checkout"] button[type=submit]:has-text("Buat pesanan")');

    await page.waitForURL((url) => url.href.startsWith(`${t.standIn.base}/web/invoices/`));
    expect(await page.textContent('h1')).toBe('Bayar dengan QRIS');
    const invoiceId = page.url().split('/').pop()!;
    const invoice = t.standIn.invoices.get(invoiceId)!;
    expect((await sendInvoiceCallback(t, t.standIn.pay(invoiceId))).status).toBe(200);

    // Xendit sends the buyer back to Pasar Kerthi's success page (PUBLIC_URL; here the app listens elsewhere).
    const success = new URL(String(invoice.success_redirect_url));
    expect(success.pathname).toMatch(/^\/checkout\/done\/[0-9a-f-]{36}$/);
    await page.goto(`${t.base}${success.pathname}`);
    await page.click('a[href^="/orders/"]');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const main = await page.textContent('main');
    expect(main).toContain('Dibayar');
    expect(main).toContain('Dibayar dengan QRIS');
    expect((await snap(page, 'xendit-order-paid-phone')).overflow).toBe(0);
    await expectAccessible(page, 'xendit-order-paid-phone');
    await context.close();
  });
});
