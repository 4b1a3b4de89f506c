import { beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { addToCart, adminToken, checkout, createSeller, type Session } from './support/commerce.js';
import { bearer, registerUser } from './support/test-app.js';

describe('reviews and seller analytics in a phone browser', () => {
  const t = useBrowserApp({ worker: false });
  let buyer: Session;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let product: { id: string };
  let lineId: string;

  beforeAll(async () => {
    seller = await createSeller(t, 'Tenun Ikat Sidemen');
    product = await seller.product({ title: { id: 'Kain tenun ikat', en: 'Ikat woven cloth' }, stock: 5 });
    buyer = await registerUser(t, 'buyer', 'Ketut Pembeli');
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const orderId = (await checkout(t, buyer.token)).body.orders[0].id;
    for (const [to, token] of [
      ['paid', await adminToken(t)],
      ['processing', seller.owner.token],
      ['shipped', seller.owner.token],
      ['delivered', buyer.token],
      ['completed', buyer.token],
    ] as const) {
      const moved = await t
        .http()
        .post(`/api/v1/orders/${orderId}/transitions`)
        .set(bearer(token))
        .send({ to, ...(to === 'shipped' ? { trackingNumber: 'JNE42' } : {}) });
      expect(moved.status).toBe(200);
    }
    lineId = (await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token))).body.lines[0].id;
  });

  const signIn = async (who: Session, locale?: string) => {
    const context = await t.context('phone', { locale });
    const page = await context.newPage();
    await signInAs(page, t.base, who);
    return { context, page };
  };

  it('lets the buyer write a review with a photo and the seller answer it and read the analytics, without sideways scrolling', async () => {
    const asBuyer = await signIn(buyer);
    await asBuyer.page.goto(`${t.base}/order-lines/${lineId}/review`);
    expect((await snap(asBuyer.page, 'reviews-write-phone')).overflow).toBe(0);
    await expectAccessible(asBuyer.page, 'reviews-write-phone');
    await asBuyer.page.check('input[name=rating][value="4"]');
    await asBuyer.page.fill('#text', 'Kainnya halus, warnanya <b>cerah</b>.');
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#0f766e' } })
      .jpeg()
      .toBuffer();
    await asBuyer.page.setInputFiles('#photos', [{ name: 'kain.jpg', mimeType: 'image/jpeg', buffer: photo }]);
    await asBuyer.page.click('form.review-form button[type=submit]');
    await asBuyer.page.waitForURL(/\/reviews\?written=1/);
    expect(await asBuyer.page.textContent('main')).toContain('Kainnya halus, warnanya cerah.');
    expect(await asBuyer.page.locator('.review-photos img[loading=lazy]').count()).toBe(1);
    expect((await snap(asBuyer.page, 'reviews-list-phone')).overflow).toBe(0);
    await expectAccessible(asBuyer.page, 'reviews-list-phone');
    // The product page shows the rating, the review and its photo.
    await asBuyer.page.goto(`${t.base}/products/${product.id}`);
    expect(await asBuyer.page.textContent('.product-reviews')).toContain('4 dari 5 · 1 ulasan');
    expect(await asBuyer.page.locator('.product-reviews .review-photos img').count()).toBe(1);
    expect((await snap(asBuyer.page, 'reviews-product-phone')).overflow).toBe(0);
    await expectAccessible(asBuyer.page, 'reviews-product-phone');
    await asBuyer.context.close();

    const asSeller = await signIn(seller.owner, 'en-GB');
    await asSeller.page.goto(`${t.base}/products/${product.id}/reviews?lang=en`);
    await asSeller.page.fill('textarea[name=text]', 'Thank you, Ketut!');
    await asSeller.page.click('form.review-form button[type=submit]');
    await asSeller.page.waitForURL(/replied=1/);
    expect(await asSeller.page.textContent('.review-reply')).toContain('Thank you, Ketut!');

    await asSeller.page.goto(`${t.base}/dashboard/sellers/${seller.sellerId}/analytics?lang=en`);
    expect(await asSeller.page.textContent('h1')).toContain('Shop analytics');
    expect(await asSeller.page.locator('svg.chart[role="img"]').count()).toBe(4);
    const chart = await asSeller.page.locator('svg.chart').first().boundingBox();
    expect(chart!.width).toBeGreaterThan(200);
    expect(chart!.width).toBeLessThanOrEqual(360);
    expect((await snap(asSeller.page, 'reviews-analytics-phone')).overflow).toBe(0);
    await expectAccessible(asSeller.page, 'reviews-analytics-phone');
    await asSeller.context.close();
  });
});
