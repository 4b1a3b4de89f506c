import { beforeAll, describe, expect, it } from '@jest/globals';
import { formatMoney } from '#libs/platform';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { addToCart, adminToken, checkout, createSeller, type Session } from './support/commerce.js';
import { bearer, registerUser } from './support/test-app.js';

/** Issue 17's journey on a phone: the seller watches the money move from held to available. */
describe('settlement in a phone browser', () => {
  const t = useBrowserApp();
  let buyer: Session;
  let seller: Awaited<ReturnType<typeof createSeller>>;

  beforeAll(async () => {
    seller = await createSeller(t, 'Perak Celuk');
    buyer = await registerUser(t, 'buyer', 'Komang Pembeli');
  });

  it('shows the sale held until the buyer confirms receipt, then available', async () => {
    const product = await seller.product({ stock: 3 });
    await addToCart(t, buyer.token, product.id, 1);
    const placed = await checkout(t, buyer.token);
    const orderId = placed.body.orders[0].id as string;
    const move = (token: string, body: Record<string, unknown>) => t.http().post(`/api/v1/orders/${orderId}/transitions`).set(bearer(token)).send(body);
    expect((await move(await adminToken(t), { to: 'paid' })).status).toBe(200);
    expect((await move(seller.owner.token, { to: 'processing' })).status).toBe(200);
    expect((await move(seller.owner.token, { to: 'shipped', trackingNumber: 'JNE777' })).status).toBe(200);
    await t.drainJobs();
    const { held } = (await t.http().get(`/api/v1/sellers/${seller.sellerId}/balance`).set(bearer(seller.owner.token))).body;
    expect(held.amount).toBeGreaterThan(0);

    const sellerContext = await t.context('phone');
    const sellerPage = await sellerContext.newPage();
    await signInAs(sellerPage, t.base, seller.owner);
    await sellerPage.goto(`${t.base}/dashboard/sellers/${seller.sellerId}/balance`);
    expect(await sellerPage.textContent('.amount-held')).toBe(formatMoney(held));
    expect(await sellerPage.textContent('.amount-available')).toBe(formatMoney({ amount: 0, currency: 'IDR' }));
    expect((await snap(sellerPage, 'settlement-balance-held-phone')).overflow).toBe(0);
    await expectAccessible(sellerPage, 'settlement-balance-held-phone');

    // The buyer presses "Pesanan diterima" on the order page.
    const buyerContext = await t.context('phone');
    const buyerPage = await buyerContext.newPage();
    await signInAs(buyerPage, t.base, buyer);
    await buyerPage.goto(`${t.base}/orders/${orderId}`);
    await Promise.all([buyerPage.waitForNavigation(), buyerPage.click('button:has-text("Pesanan diterima")')]);
    expect(await buyerPage.textContent('main')).toContain('Selesai');
    await buyerContext.close();

    await t.drainJobs();
    await sellerPage.reload();
    expect(await sellerPage.textContent('.amount-held')).toBe(formatMoney({ amount: 0, currency: 'IDR' }));
    expect(await sellerPage.textContent('.amount-available')).toBe(formatMoney(held));
    expect((await snap(sellerPage, 'settlement-balance-available-phone')).overflow).toBe(0);
    await expectAccessible(sellerPage, 'settlement-balance-available-phone');
    await sellerContext.close();
  });
});
