import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addToCart, adminToken, checkout, createSeller } from './support/commerce.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

describe('commerce: notifications by email when SMTP_URL is set', () => {
  let t: TestApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ worker: false, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://pasar.example' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('emails the seller about a new order and the buyer about its payment, in each one’s language, once', async () => {
    const seller = await createSeller(t, 'Kopi Kintamani');
    const product = await seller.product();
    const buyer = await registerUser(t, 'buyer');
    expect((await t.http().patch('/api/v1/me').set(bearer(buyer.token)).send({ locale: 'en' })).status).toBe(200);
    await addToCart(t, buyer.token, product.id, 1);
    const orderId = (await checkout(t, buyer.token)).body.orders[0].id;
    // The platform confirms the transfer: both parties hear of it.
    await t
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(await adminToken(t)))
      .send({ to: 'paid' });
    // Search indexing is not what this test is about, and is slow on a busy machine.
    await t.db.query(`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks k WHERE k.id = j.task_id AND k.identifier LIKE '%:SearchSync.%'`);
    await t.drainJobs();

    // Both also got the email-verification link at sign-up (test/accounts-email-verification).
    const notices = (address: string) => smtp.to(address).filter((m) => !m.text.includes('/verify-email'));
    const toSeller = notices(seller.owner.email);
    const toBuyer = notices(buyer.email);
    expect(toSeller).toHaveLength(2);
    expect(toSeller.find((m) => m.text.includes('Pesanan baru'))!.text).toContain(`https://pasar.example/orders/${orderId}?as=seller`);
    expect(toSeller.some((m) => m.text.includes('siapkan pengirimannya'))).toBe(true);
    expect(toBuyer).toHaveLength(1);
    expect(toBuyer[0]!.text).toContain('Payment for order');
    const inApp = await t.http().get('/api/v1/notifications').set(bearer(buyer.token));
    expect(inApp.body.total).toBe(1);
  });
});
