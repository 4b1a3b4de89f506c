import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { addToCart, adminToken, checkout, createSeller } from './support/commerce.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/** Just enough SMTP to receive messages: no TLS, no auth (a local relay). */
async function fakeSmtp() {
  const messages: Array<{ to: string[]; data: string }> = [];
  const server: Server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: { to: string[]; data: string } = { to: [], data: '' };
    socket.write('220 fake-smtp ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { to: [], data: '' };
            socket.write('250 queued\r\n');
          } else current.data += `${line.replace(/^\./, '')}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250-fake-smtp\r\n250 8BITMIME\r\n');
        else if (command === 'RCPT') {
          current.to.push(/<([^>]+)>/.exec(line)?.[1] ?? '');
          socket.write('250 ok\r\n');
        } else if (command === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (command === 'QUIT') {
          socket.write('221 bye\r\n');
          socket.end();
        } else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, messages, url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('commerce: notifications by email when SMTP_URL is set', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;

  beforeAll(async () => {
    smtp = await fakeSmtp();
    t = await createTestApp({ worker: false, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://pasar.example' } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => smtp.server.close(resolve));
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

    const toSeller = smtp.messages.filter((m) => m.to.includes(seller.owner.email));
    const toBuyer = smtp.messages.filter((m) => m.to.includes(buyer.email));
    expect(toSeller).toHaveLength(2);
    expect(toSeller.find((m) => m.data.includes('Pesanan baru'))!.data).toContain(`https://pasar.example/orders/${orderId}?as=seller`);
    expect(toSeller.some((m) => m.data.includes('siapkan pengirimannya'))).toBe(true);
    expect(toBuyer).toHaveLength(1);
    expect(toBuyer[0]!.data).toContain('Payment for order');
    const inApp = await t.http().get('/api/v1/notifications').set(bearer(buyer.token));
    expect(inApp.body.total).toBe(1);
  });
});
