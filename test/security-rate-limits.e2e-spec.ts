import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { RATE_LIMITS, RateLimiter } from '#libs/platform';
import { LoginThrottle } from '../libs/identity/src/login-throttle.service.js';
import { insertSeller } from './support/catalogue-fixtures.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/** Requests as an attacker (or a busy office) would send them: many in a row, from one address or from many. */
describe('security: every write route is rate-limited, across processes', () => {
  let t: TestApp;
  // The proxy in front (loopback here) says who the client is; tests play several clients with it.
  const from = (address: string) => ({ 'X-Forwarded-For': address });
  const signUp = (address: string, email: string) => t.http().post('/api/v1/auth/register').set(from(address)).send({ email, password: 'correct-horse-1', name: 'Flood', role: 'buyer' });
  const counters = async (like: string): Promise<string[]> => (await t.db.query(`SELECT key FROM rate_limit_counters WHERE key LIKE $1 ORDER BY key`, [like])).map((row: { key: string }) => row.key);

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { RATE_LIMIT_FACTOR: '1', TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  it('lets the first sign-ups from one address through, then answers 429 with Retry-After and creates no account', async () => {
    const budget = RATE_LIMITS.signup.perClient;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await signUp('203.0.113.10', `flood${i}@example.test`)).status);
    expect(statuses).toEqual([...Array<number>(budget).fill(201), ...Array<number>(40 - budget).fill(429)]);

    const refused = await signUp('203.0.113.10', 'flood-last@example.test');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(RATE_LIMITS.signup.windowSeconds - 120);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.signup.windowSeconds);
    expect(refused.body).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      detail: expect.stringMatching(/^Too many sign-ups from this network address; please try again in \d+ minutes\.$/),
      retryAfterSeconds: retryAfter,
    });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE email LIKE 'flood%@example.test'`);
    expect(count).toBe(budget);

    // Another client is not affected.
    expect((await signUp('203.0.113.11', 'neighbour@example.test')).status).toBe(201);
  });

  it('limits the sign-up form too, with a readable page, sharing the budget with the API', async () => {
    const address = '203.0.113.20';
    const postForm = async (i: number) => {
      const browser = supertest.agent(t.app.getHttpServer());
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await browser.get('/register').set(from(address))).text)![1]!;
      return browser
        .post('/register')
        .set(from(address))
        .set('Accept', 'text/html')
        .set('Accept-Language', 'en')
        .type('form')
        .send({ _csrf: csrf, email: `form${i}@example.test`, name: 'Form Flood', password: 'correct-horse-1', role: 'buyer' });
    };
    for (let i = 0; i < RATE_LIMITS.signup.perClient; i++) expect((await postForm(i)).status).toBe(303);

    const refused = await postForm(999);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toContain('Too many requests in a short time. Please wait a little, then try again.');
    expect(refused.text).toMatch(/Too many sign-ups from this network address; please try again in \d+ minutes\./);
    expect((await signUp(address, 'api-after-form@example.test')).status).toBe(429);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM users WHERE email IN ('form999@example.test', 'api-after-form@example.test')`);
    expect(count).toBe(0);
  });

  it('counts every sign-in attempt per address, not only the failures', async () => {
    const user = await registerUser(t, 'buyer');
    const address = '203.0.113.30';
    const login = () => t.http().post('/api/v1/auth/login').set(from(address)).send({ email: user.email, password: user.password });
    for (let i = 0; i < RATE_LIMITS.login.perClient; i++) expect((await login()).status).toBe(200);
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^Too many sign-in attempts from this network address/);
  });

  it('holds an account to a named budget (storefront publishes) whatever address it comes from', async () => {
    const owner = await registerUser(t, 'artisan');
    const sellerId = await insertSeller(t, owner.user.id, 'Tenun Batas');
    const publish = (token: string, seller: string, address: string) => t.http().post(`/api/v1/sellers/${seller}/storefront/publish`).set(bearer(token)).set(from(address));
    const budget = RATE_LIMITS.publish.perAccount;
    for (let i = 0; i < budget; i++) expect((await publish(owner.token, sellerId, `198.51.100.${i + 1}`)).status).toBe(200);

    const refused = await publish(owner.token, sellerId, '198.51.100.250');
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^Too many storefront publishes from this account; please try again in \d+ minutes\.$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(RATE_LIMITS.publish.windowSeconds - 120);
    const [{ versions }] = await t.db.query(`SELECT count(*)::int AS versions FROM storefront_versions WHERE seller_id = $1`, [sellerId]);
    expect(versions).toBe(budget);

    // Another seller publishing from one of those addresses is not held back.
    const other = await registerUser(t, 'artisan');
    const otherSellerId = await insertSeller(t, other.user.id, 'Ukir Lain');
    expect((await publish(other.token, otherSellerId, '198.51.100.1')).status).toBe(200);
  });

  it('holds every other write route to the default budget per account', async () => {
    const user = await registerUser(t, 'buyer');
    const rename = (i: number) =>
      t
        .http()
        .patch('/api/v1/me')
        .set(bearer(user.token))
        .set(from(`192.0.2.${(i % 200) + 1}`))
        .send({ name: `Nama ${i}` });
    const budget = RATE_LIMITS.write.perAccount;
    for (let i = 0; i < budget; i++) expect((await rename(i)).status).toBe(200);
    const refused = await rename(budget);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^Too many changes from this account; please try again in \d+ minutes\.$/);
    expect((await t.http().get('/api/v1/me').set(bearer(user.token))).body.name).toBe(`Nama ${budget - 1}`);
  });

  it('holds an address to the default budget, but never limits payment webhooks by address', async () => {
    const address = '192.0.2.222';
    const browser = supertest.agent(t.app.getHttpServer());
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await browser.get('/login').set(from(address))).text)![1]!;
    const logout = () => browser.post('/logout').set(from(address)).type('form').send({ _csrf: csrf });
    for (let i = 0; i < RATE_LIMITS.write.perClient; i++) expect((await logout()).status).toBe(303);
    const refused = await logout();
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^Too many changes from this network address; please try again in \d+ minutes\.$/);

    // Gateways send bursts from shared addresses: the webhook answers on its own terms (here: no valid signature).
    const webhook = await t.http().post('/api/v1/payments/stripe/webhook').set(from(address)).set('Content-Type', 'application/json').send({ id: 'evt_1' });
    expect(webhook.status).toBe(400);
    for (let i = 0; i < 20; i++)
      expect(
        (
          await t
            .http()
            .post('/api/v1/payments/stripe/webhook')
            .set(from('192.0.2.223'))
            .send({ id: `evt_${i}` })
        ).status,
      ).toBe(400);
    expect(await counters('%:client:192.0.2.223')).toEqual([]);
  });

  it('starts a fresh window once the last one is over, and the hourly sweep deletes spent counters', async () => {
    // Time passes for the flooded address: its window ends.
    await t.db.query(`UPDATE rate_limit_counters SET resets_at = now() - interval '1 second' WHERE key = 'signup:client:203.0.113.10'`);
    expect((await signUp('203.0.113.10', 'after-the-hour@example.test')).status).toBe(201);

    await t.db.query(`UPDATE rate_limit_counters SET resets_at = now() - interval '1 second' WHERE key LIKE '%:client:203.0.113.20'`);
    const spent = await counters('%:client:203.0.113.20');
    expect(spent).toEqual(['signup:client:203.0.113.20', 'write:client:203.0.113.20']);
    const live = await counters('%:client:203.0.113.10');
    expect(await t.app.get(RateLimiter).deleteExpired()).toBe(spent.length);
    expect(await counters('%:client:203.0.113.20')).toEqual([]);
    expect(await counters('%:client:203.0.113.10')).toEqual(live);
  });

  it('deletes failed sign-in counts once their window is over', async () => {
    const user = await registerUser(t, 'buyer');
    const wrong = await t.http().post('/api/v1/auth/login').set(from('203.0.113.40')).send({ email: user.email, password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    const keys = [`account:${user.email}`, 'ip:203.0.113.40'];
    const throttled = async () => (await t.db.query(`SELECT key FROM auth_throttle WHERE key = ANY($1) ORDER BY key`, [keys])).map((row: { key: string }) => row.key);
    expect(await throttled()).toEqual(keys);

    const throttle = t.app.get(LoginThrottle);
    expect(await throttle.deleteExpired()).toBe(0);
    await t.db.query(`UPDATE auth_throttle SET window_started_at = now() - interval '16 minutes' WHERE key = ANY($1)`, [keys]);
    expect(await throttle.deleteExpired()).toBe(2);
    expect(await throttled()).toEqual([]);
  });
});
