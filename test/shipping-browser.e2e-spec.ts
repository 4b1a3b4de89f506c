import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectAccessible, signInAs, snap, useBrowserApp } from './support/browser.js';
import { addToCart, adminToken, createSeller, type Session } from './support/commerce.js';
import { bearer, registerUser } from './support/test-app.js';

const idr = (amount: number) => ({ amount, currency: 'IDR' });

describe('shipping in a phone browser', () => {
  const t = useBrowserApp({ worker: false });
  let buyer: Session;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let product: { id: string };

  beforeAll(async () => {
    seller = await createSeller(t, 'Tenun Gringsing');
    const table = await t
      .http()
      .put(`/api/v1/sellers/${seller.sellerId}/shipping-rates`)
      .set(bearer(seller.owner.token))
      .send({
        rates: [
          { zone: 'java', service: 'reguler', firstKg: idr(2_000_000), perKg: idr(1_000_000), etaDays: { min: 3, max: 5 } },
          { zone: 'java', service: 'kilat', firstKg: idr(4_500_000), perKg: idr(2_000_000), etaDays: { min: 1, max: 2 } },
        ],
      });
    expect(table.status).toBe(200);
    product = await seller.product({ title: { id: 'Kain gringsing', en: 'Gringsing cloth' }, weightGrams: 400 });
    buyer = await registerUser(t, 'buyer', 'Ayu Pembeli');
  });

  it('chooses a courier at checkout and reads the tracking timeline on a 360 px phone, without sideways scrolling', async () => {
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const context = await t.context('phone');
    const page = await context.newPage();
    await signInAs(page, t.base, buyer, { open: '/login?next=/checkout', landsOn: /\/checkout$/ });
    await page.fill('#line1', 'Jl. Kemang Raya 10');
    await page.fill('#city', 'Jakarta Selatan');
    await page.fill('#postalCode', '12730');
    await page.click('button[name=action][value=rates]');
    await page.waitForSelector(`input[name="shipping_${seller.sellerId}"]`);
    const options = await page.textContent('fieldset.shipping-options');
    expect(options).toMatch(/Reguler — Rp\s?20\.000/);
    expect(options).toMatch(/Kilat — Rp\s?45\.000/);
    expect(await page.isChecked(`input[name="shipping_${seller.sellerId}"][value="seller|reguler"]`)).toBe(true);
    expect((await snap(page, 'shipping-checkout-phone')).overflow).toBe(0);
    await expectAccessible(page, 'shipping-checkout-phone');
    await page.check(`input[name="shipping_${seller.sellerId}"][value="seller|kilat"]`);
    await page.click('form[action="/checkout"] button[type=submit]');
    await page.waitForURL(/\/checkout\/done\//);

    const [order] = (await t.http().get('/api/v1/orders').set(bearer(buyer.token))).body.items;
    expect(order).toMatchObject({ service: 'kilat', shipping: idr(4_500_000) });
    const move = async (token: string, body: Record<string, unknown>) => expect((await t.http().post(`/api/v1/orders/${order.id}/transitions`).set(bearer(token)).send(body)).status).toBe(200);
    await move(await adminToken(t), { to: 'paid' });
    await move(seller.owner.token, { to: 'processing' });
    await move(seller.owner.token, { to: 'shipped', courier: 'jne', trackingNumber: 'JNE777' });

    await page.goto(`${t.base}/orders/${order.id}`);
    const main = await page.textContent('main');
    expect(main).toContain('Lacak paket');
    expect(main).toContain('jne JNE777');
    expect((await snap(page, 'shipping-tracking-phone')).overflow).toBe(0);
    await expectAccessible(page, 'shipping-tracking-phone');
    await context.close();
  });
});
