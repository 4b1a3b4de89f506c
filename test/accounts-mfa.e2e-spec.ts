import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import request from 'supertest';
import { signInAs, snap, useBrowserApp } from './support/browser.js';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/** The code an authenticator app shows `steps` time steps (30 s) from now, as the user's phone computes it. */
const totp = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

type Account = { token: string; email: string; password: string; user: { id: string } };

/** Enrols through the API, confirmed with the previous step's code (so the current one is still unused), and answers the secret and recovery codes. */
async function enrol(t: TestApp, account: Account) {
  const started = await t.http().post('/api/v1/me/mfa/totp').set(bearer(account.token));
  expect(started.status).toBe(201);
  const secret = started.body.secret as string;
  const confirmed = await t
    .http()
    .post('/api/v1/me/mfa/totp/confirm')
    .set(bearer(account.token))
    .send({ code: await totp(secret, -1) });
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('two-factor sign-in (TOTP)', () => {
  const t = useBrowserApp({ worker: false });

  it('enrols with a QR-ready otpauth URL, turns on only with a right code, and gives ten recovery codes once', async () => {
    const buyer = await registerUser(t, 'buyer');
    const started = await t.http().post('/api/v1/me/mfa/totp').set(bearer(buyer.token));
    expect(started.status).toBe(201);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(started.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('issuer')).toBe('Pasar Kerthi');
    expect(url.searchParams.get('secret')).toBe(started.body.secret);
    expect(decodeURIComponent(url.pathname)).toContain(buyer.email);

    // Pending: signing in still needs only the password.
    const beforeConfirm = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    expect(beforeConfirm.status).toBe(200);
    expect(beforeConfirm.body.token).toBeDefined();

    const wrong = await t.http().post('/api/v1/me/mfa/totp/confirm').set(bearer(buyer.token)).send({ code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toContainEqual(expect.objectContaining({ field: 'code' }));

    const confirmed = await t
      .http()
      .post('/api/v1/me/mfa/totp/confirm')
      .set(bearer(buyer.token))
      .send({ code: await totp(started.body.secret) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    // Stored hashed: no code appears in the database.
    const stored = await t.db.query(`SELECT code_hash FROM user_mfa_recovery_codes WHERE user_id = $1`, [buyer.user.id]);
    expect(stored).toHaveLength(10);
    expect(stored.map((r: { code_hash: string }) => r.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);
    const [secretRow] = await t.db.query(`SELECT secret FROM user_mfa WHERE user_id = $1`, [buyer.user.id]);
    expect(secretRow.secret).not.toContain(started.body.secret);

    // On now: a second enrolment is refused until it is turned off.
    expect((await t.http().post('/api/v1/me/mfa/totp').set(bearer(buyer.token))).status).toBe(409);
  });

  it('signs in in two steps: no token before the code, a wrong code refused, a TOTP accepted once', async () => {
    const buyer = await registerUser(t, 'buyer');
    const { secret } = await enrol(t, buyer);

    const step1 = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    expect(step1.status).toBe(200);
    expect(step1.body).toEqual({ mfaRequired: true, mfaToken: expect.stringMatching(/^pkm_/) });
    expect(step1.headers['set-cookie']).toBeUndefined();
    // The challenge is no bearer token.
    expect((await t.http().get('/api/v1/me').set(bearer(step1.body.mfaToken))).status).toBe(401);
    const [challenge] = await t.db.query(`SELECT token_hash, expires_at - created_at AS lifetime FROM auth_mfa_challenges WHERE user_id = $1`, [buyer.user.id]);
    expect(challenge.token_hash).not.toBe(step1.body.mfaToken);
    expect(challenge.lifetime).toMatchObject({ minutes: 5 });

    const wrong = await t.http().post('/api/v1/auth/login/mfa').send({ mfaToken: step1.body.mfaToken, code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors).toContainEqual(expect.objectContaining({ field: 'code' }));

    const code = await totp(secret);
    const step2 = await t.http().post('/api/v1/auth/login/mfa').send({ mfaToken: step1.body.mfaToken, code });
    expect(step2.status).toBe(200);
    expect(step2.body.user).toMatchObject({ id: buyer.user.id, email: buyer.email });
    expect((await t.http().get('/api/v1/me').set(bearer(step2.body.token))).status).toBe(200);

    // The challenge is single-use…
    const again = await t
      .http()
      .post('/api/v1/auth/login/mfa')
      .send({ mfaToken: step1.body.mfaToken, code: await totp(secret, 1) });
    expect(again.status).toBe(401);
    // …and the same code is refused on a new challenge (replay within its window).
    const replayLogin = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    const replay = await t.http().post('/api/v1/auth/login/mfa').send({ mfaToken: replayLogin.body.mfaToken, code });
    expect(replay.status).toBe(401);
    // The next step's code (the phone a little ahead) still works on it.
    const next = await t
      .http()
      .post('/api/v1/auth/login/mfa')
      .send({ mfaToken: replayLogin.body.mfaToken, code: await totp(secret, 1) });
    expect(next.status).toBe(200);
  });

  it('burns a challenge after five wrong codes', async () => {
    const buyer = await registerUser(t, 'buyer');
    const { secret } = await enrol(t, buyer);
    const login = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    for (let i = 0; i < 5; i++) expect((await t.http().post('/api/v1/auth/login/mfa').send({ mfaToken: login.body.mfaToken, code: '000000' })).status).toBe(401);
    const right = await t
      .http()
      .post('/api/v1/auth/login/mfa')
      .send({ mfaToken: login.body.mfaToken, code: await totp(secret) });
    expect(right.status).toBe(401);
    expect(right.body.detail).toMatch(/sign in again/);
  });

  it('accepts a recovery code once, then turns MFA off with another one', async () => {
    const buyer = await registerUser(t, 'buyer');
    const { recoveryCodes } = await enrol(t, buyer);

    const first = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    const withRecovery = await t.http().post('/api/v1/auth/login/mfa').send({ mfaToken: first.body.mfaToken, code: recoveryCodes[0]!.toUpperCase() });
    expect(withRecovery.status).toBe(200);

    const second = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    const reused = await t.http().post('/api/v1/auth/login/mfa').send({ mfaToken: second.body.mfaToken, code: recoveryCodes[0] });
    expect(reused.status).toBe(401);

    expect((await t.http().delete('/api/v1/me/mfa').set(bearer(withRecovery.body.token)).send({ code: '999999' })).status).toBe(422);
    expect((await t.http().delete('/api/v1/me/mfa').set(bearer(withRecovery.body.token)).send({ code: recoveryCodes[1] })).status).toBe(204);

    const passwordOnly = await t.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    expect(passwordOnly.status).toBe(200);
    expect(passwordOnly.body.token).toBeDefined();
    expect(await t.db.query(`SELECT 1 FROM user_mfa_recovery_codes WHERE user_id = $1`, [buyer.user.id])).toHaveLength(0);
  });

  it('asks for the code on a second sign-in page, without JavaScript', async () => {
    const buyer = await registerUser(t, 'buyer');
    const { secret } = await enrol(t, buyer);
    const browser = request.agent(t.app.getHttpServer());
    const form = await browser.get('/login');
    const step1 = await browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: buyer.email, password: buyer.password, next: '/orders' });
    expect(step1.status).toBe(200);
    expect(step1.text).toContain('action="/login/mfa"');
    expect(step1.text).toContain('Kode verifikasi');
    expect(String(step1.headers['set-cookie'] ?? '')).not.toContain('pk_session=pk_');
    const mfaToken = /name="mfaToken" value="([^"]+)"/.exec(step1.text)![1]!;

    const wrong = await browser
      .post('/login/mfa')
      .type('form')
      .send({ _csrf: csrfOf(step1.text), mfaToken, next: '/orders', code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Kode salah');

    const right = await browser
      .post('/login/mfa')
      .type('form')
      .send({ _csrf: csrfOf(wrong.text), mfaToken, next: '/orders', code: await totp(secret) });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/orders');
    expect((await browser.get('/api/v1/me')).body).toMatchObject({ id: buyer.user.id });
  });

  it('sets up MFA from the account page: QR code, confirm form, recovery codes shown once, then the disable form', async () => {
    const buyer = await registerUser(t, 'buyer');
    const browser = await signInWithForm(t, buyer, '/dashboard/account');
    const page = await browser.get('/dashboard/account');
    expect(page.text).toContain('id="mfa"');
    expect(page.text).toContain('Autentikasi dua langkah');

    const started = await browser
      .post('/dashboard/account/mfa')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(started.status).toBe(303);
    const pending = await browser.get('/dashboard/account');
    expect(pending.text).toContain('src="data:image/svg+xml;base64,');
    const secret = /class="mfa-secret">([A-Z2-7 ]+)</.exec(pending.text)![1]!.replace(/ /g, '');

    const confirmed = await browser
      .post('/dashboard/account/mfa/confirm')
      .type('form')
      .send({ _csrf: csrfOf(pending.text), code: await totp(secret, -1) });
    expect(confirmed.status).toBe(200);
    const codes = [...confirmed.text.matchAll(/<li class="recovery-code"><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);

    const on = await browser.get('/dashboard/account');
    expect(on.text).toContain('Sisa kode pemulihan: 10');
    expect(on.text).not.toContain(codes[0]);
    const off = await browser
      .post('/dashboard/account/mfa/disable')
      .type('form')
      .send({ _csrf: csrfOf(on.text), code: codes[0] });
    expect(off.status).toBe(303);
    expect((await browser.get('/dashboard/account')).text).toContain('Belum aktif');
  });
  it('walks enrolment and the two-step sign-in in a phone browser without JavaScript', async () => {
    const buyer = await registerUser(t, 'buyer');
    const context = await t.context('phone', { javaScriptEnabled: false });
    const page = await context.newPage();
    const open = '/login?next=/dashboard/account';
    await signInAs(page, t.base, buyer, { open, landsOn: (url) => url.pathname === '/dashboard/account' });
    await page.click('form[action^="/dashboard/account/mfa"] button[type=submit]');
    expect(await page.locator('img.mfa-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await snap(page, 'account-mfa-setup-phone')).overflow).toBeLessThanOrEqual(0);
    const secret = (await page.textContent('.mfa-secret'))!.replace(/\s/g, '');
    await page.fill('#mfa-confirm-code', await totp(secret, -1));
    await page.click('form[action^="/dashboard/account/mfa/confirm"] button[type=submit]');
    expect(await page.locator('li.recovery-code').count()).toBe(10);
    expect((await snap(page, 'account-mfa-recovery-codes-phone')).overflow).toBeLessThanOrEqual(0);

    await context.clearCookies();
    // With two-step sign-in on, the form answers in place with the code's step.
    await signInAs(page, t.base, buyer, { open, landsOn: `${t.base}/login` });
    expect(await page.textContent('h1')).toContain('Kode verifikasi');
    expect((await snap(page, 'login-mfa-phone')).overflow).toBeLessThanOrEqual(0);
    await page.fill('#code', await totp(secret));
    await page.click('form[action="/login/mfa"] button[type=submit]');
    await page.waitForURL((url) => url.pathname === '/dashboard/account');
    expect(await page.textContent('#mfa')).toContain('Sisa kode pemulihan: 10');
    expect((await snap(page, 'account-mfa-on-phone')).overflow).toBeLessThanOrEqual(0);
    await page.goto(`${t.base}/privacy`);
    expect(await page.textContent('h1')).toContain('Privasi dan data pribadi');
    expect((await snap(page, 'privacy-phone')).overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('STAFF_MFA=required', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { STAFF_MFA: 'required' } });
  });
  afterAll(() => t.close());

  it('refuses a curator on curator routes until the account has MFA, keeping the setup routes open', async () => {
    const curator = await createStaffUser(t, 'curator');
    const refused = await t.http().get('/api/v1/curation/queue').set(bearer(curator.token));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(/two-factor/);

    // The page tells them how, with a link to the setup.
    const browser = await signInWithForm(t, curator, '/dashboard/curation');
    const page = await browser.get('/dashboard/curation').set('Accept', 'text/html');
    expect(page.status).toBe(403);
    expect(page.text).toContain('href="/dashboard/account#mfa"');
    expect(page.text).toContain('autentikasi dua langkah');

    // Routes for everyone stay open: their account, and the MFA setup itself.
    expect((await t.http().get('/api/v1/me').set(bearer(curator.token))).status).toBe(200);
    await enrol(t, curator);

    const allowed = await t.http().get('/api/v1/curation/queue').set(bearer(curator.token));
    expect(allowed.status).toBe(200);
  });

  it('leaves buyers and artisans alone', async () => {
    const artisan = await registerUser(t, 'artisan');
    expect((await t.http().get('/api/v1/me').set(bearer(artisan.token))).status).toBe(200);
    expect((await t.http().get('/api/v1/curation/queue').set(bearer(artisan.token))).status).toBe(403);
  });
});
