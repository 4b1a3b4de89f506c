import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfOf } from './support/forms.js';
import { linkIn, startSmtp, type ReceivedMail, type TestSmtp } from './support/smtp.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const isReset = (m: ReceivedMail) => m.text.includes('/reset-password?token=');

describe('accounts: password reset by email', () => {
  let t: TestApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    // PUBLIC_URL over http: the form test's cookie jar keeps no Secure cookies.
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://pasar.example' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const ask = (email: string) => t.http().post('/api/v1/auth/password-reset').send({ email });
  const confirm = (token: string, password: string) => t.http().post('/api/v1/auth/password-reset/confirm').send({ token, password });
  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });

  it('mails a single-use link that sets a new password and ends every session', async () => {
    const user = await registerUser(t, 'buyer');
    const other = await login(user.email, user.password);
    expect(other.status).toBe(200);

    const asked = await ask(user.email.toUpperCase());
    expect(asked.status).toBe(202);
    const mail = await smtp.waitFor(user.email, isReset);
    expect(mail.subject).toBe('Pasar Kerthi: buat kata sandi baru');
    expect(mail.text).toContain('30 menit');
    const link = linkIn(mail, '/reset-password');
    expect(link.origin).toBe('http://pasar.example');
    const token = link.searchParams.get('token')!;
    // Only the SHA-256 is kept.
    const [stored] = await t.db.query(`SELECT token_hash FROM auth_email_tokens WHERE user_id = $1 AND purpose = 'password_reset'`, [user.user.id]);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await confirm(token, 'short')).status).toBe(422);
    expect((await confirm(token, 'a-new-secret-99')).status).toBe(204);
    // Both earlier tokens stopped working; the old password too; the new one works.
    expect((await t.http().get('/api/v1/me').set(bearer(user.token))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer(other.body.token))).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    const signedIn = await login(user.email, 'a-new-secret-99');
    expect(signedIn.status).toBe(200);
    // The link reached the address, so it counts as verified.
    expect(signedIn.body.user.emailVerified).toBe(true);

    // Single use.
    const again = await confirm(token, 'another-secret-1');
    expect(again.status).toBe(422);
    expect(again.body.errors[0].field).toBe('token');
    expect((await login(user.email, 'another-secret-1')).status).toBe(401);
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    const known = await registerUser(t, 'buyer');
    const unknown = `nobody-${Date.now()}@example.test`;
    const a = await ask(unknown);
    const b = await ask(known.email);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.text).toBe(b.text);
    await smtp.waitFor(known.email, isReset);
    await t.drainJobs();
    expect(smtp.to(unknown)).toEqual([]);
  });

  it('refuses an expired link (older than 30 minutes) and a made-up one', async () => {
    const user = await registerUser(t, 'buyer');
    await ask(user.email);
    const token = linkIn(await smtp.waitFor(user.email, isReset), '/reset-password').searchParams.get('token')!;
    // 31 minutes later, as far as the link is concerned.
    await t.db.query(`UPDATE auth_email_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1 AND purpose = 'password_reset'`, [user.user.id]);
    expect((await confirm(token, 'a-new-secret-99')).status).toBe(422);
    expect((await confirm(`pke_${'x'.repeat(43)}`, 'a-new-secret-99')).status).toBe(422);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('only the newest link works', async () => {
    const user = await registerUser(t, 'buyer');
    await ask(user.email);
    const first = linkIn(await smtp.waitFor(user.email, isReset), '/reset-password').searchParams.get('token')!;
    await ask(user.email);
    const second = linkIn(await smtp.waitFor(user.email, (m) => isReset(m) && !m.text.includes(first)), '/reset-password').searchParams.get('token')!;
    expect((await confirm(first, 'a-new-secret-99')).status).toBe(422);
    expect((await confirm(second, 'a-new-secret-99')).status).toBe(204);
  });

  it('throttles requests per address, whoever asks', async () => {
    const user = await registerUser(t, 'buyer');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(user.email)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    // An address without an account is throttled the same way.
    const unknown = `nobody-else-${Date.now()}@example.test`;
    const unknownStatuses = [];
    for (let i = 0; i < 4; i++) unknownStatuses.push((await ask(unknown)).status);
    expect(unknownStatuses).toEqual(statuses);
  });

  it('walks the pages without JavaScript: login → forgot password → mail → new password → signed in', async () => {
    const user = await registerUser(t, 'buyer');
    const browser = request.agent(t.app.getHttpServer());
    const loginPage = await browser.get('/login');
    expect(loginPage.text).toContain('href="/forgot-password"');
    const forgot = await browser.get('/forgot-password');
    expect(forgot.status).toBe(200);
    expect(forgot.text).toContain('Lupa kata sandi');
    const bad = await browser
      .post('/forgot-password')
      .type('form')
      .send({ _csrf: csrfOf(forgot.text), email: 'not-an-email' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Masukkan alamat email yang benar.');
    const sent = await browser
      .post('/forgot-password')
      .type('form')
      .send({ _csrf: csrfOf(forgot.text), email: user.email });
    expect(sent.status).toBe(303);
    const confirmation = await browser.get(sent.headers.location!);
    expect(confirmation.text).toContain('Jika email itu terdaftar');

    const link = linkIn(await smtp.waitFor(user.email, isReset), '/reset-password');
    const form = await browser.get(`${link.pathname}${link.search}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Buat kata sandi baru');
    const short = await browser
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrfOf(form.text), token: link.searchParams.get('token'), password: 'pendek' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Kata sandi minimal 10 karakter.');
    const done = await browser
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrfOf(short.text), token: link.searchParams.get('token'), password: 'kata-sandi-baru-7' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login?reset=1');
    const back = await browser.get(done.headers.location!);
    expect(back.text).toContain('Kata sandi sudah diganti');
    const signedIn = await browser
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(back.text), email: user.email, password: 'kata-sandi-baru-7', next: '/dashboard' });
    expect(signedIn.status).toBe(303);
    expect((await browser.get('/dashboard')).status).toBe(200);

    // The used link now says so, and offers a new one.
    const reopened = await browser.get(`${link.pathname}${link.search}`);
    const reused = await browser
      .post('/reset-password')
      .type('form')
      .send({ _csrf: csrfOf(reopened.text), token: link.searchParams.get('token'), password: 'kata-sandi-lain-8' });
    expect(reused.status).toBe(422);
    expect(reused.text).toContain('Tautan ini tidak berlaku lagi');
  });

  it('refuses the form without its CSRF token', async () => {
    const browser = request.agent(t.app.getHttpServer());
    await browser.get('/forgot-password');
    expect((await browser.post('/forgot-password').type('form').send({ email: 'someone@example.test' })).status).toBe(403);
  });
});
