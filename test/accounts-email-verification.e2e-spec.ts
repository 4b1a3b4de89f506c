import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfOf, signInWithForm } from './support/forms.js';
import { linkIn, startSmtp, type ReceivedMail, type TestSmtp } from './support/smtp.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const isVerification = (m: ReceivedMail) => m.text.includes('/verify-email?token=');
/** The link a page shows in place of the mail (Handlebars escapes `=` and `&`). */
const devLink = (html: string) =>
  new URL(
    /class="dev-link" href="([^"]+)"/
      .exec(html)![1]!
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&'),
  );
const tokenOf = (mail: ReceivedMail) => linkIn(mail, '/verify-email').searchParams.get('token')!;

describe('accounts: email verification', () => {
  let t: TestApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://pasar.example' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const me = (token: string) => t.http().get('/api/v1/me').set(bearer(token));
  const verify = (token: string) => t.http().post('/api/v1/auth/verify-email').send({ token });

  it('mails a link at registration, in the account’s language, that verifies the email once', async () => {
    const email = `emma-${Date.now()}@example.test`;
    const registered = await t.http().post('/api/v1/auth/register').send({ email, password: 'correct-horse-1', name: 'Emma', role: 'buyer', locale: 'en' });
    expect(registered.status).toBe(201);
    expect(registered.body.user.emailVerified).toBe(false);
    expect((await me(registered.body.token)).body.emailVerified).toBe(false);

    const mail = await smtp.waitFor(email, isVerification);
    expect(mail.subject).toBe('Pasar Kerthi: verify your email');
    const link = linkIn(mail, '/verify-email');
    expect(link.searchParams.get('lang')).toBe('en');
    expect((await verify(tokenOf(mail))).status).toBe(204);
    expect((await me(registered.body.token)).body.emailVerified).toBe(true);
    expect((await verify(tokenOf(mail))).status).toBe(422);
  });

  it('refuses an expired link, and one mailed to an address the account no longer has', async () => {
    const user = await registerUser(t, 'buyer');
    const token = tokenOf(await smtp.waitFor(user.email, isVerification));
    await t.db.query(`UPDATE auth_email_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.user.id]);
    expect((await verify(token)).status).toBe(422);

    expect((await t.http().post('/api/v1/auth/verify-email/resend').set(bearer(user.token))).status).toBe(202);
    const fresh = tokenOf(await smtp.waitFor(user.email, (m) => isVerification(m) && !m.text.includes(token)));
    await t.db.query(`UPDATE users SET email = $2 WHERE id = $1`, [user.user.id, `moved-${user.email}`]);
    const refused = await verify(fresh);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('token');
    expect((await me(user.token)).body.emailVerified).toBe(false);
  });

  it('throttles resending per account, and sends nothing once verified', async () => {
    const user = await registerUser(t, 'artisan');
    const resend = () => t.http().post('/api/v1/auth/verify-email/resend').set(bearer(user.token));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await resend()).status);
    expect(statuses).toEqual([202, 202, 202, 429]);

    const other = await registerUser(t, 'buyer');
    const mail = await smtp.waitFor(other.email, isVerification);
    expect((await verify(tokenOf(mail))).status).toBe(204);
    expect((await t.http().post('/api/v1/auth/verify-email/resend').set(bearer(other.token))).status).toBe(202);
    await t.drainJobs();
    expect(smtp.to(other.email).filter(isVerification)).toHaveLength(1);
    expect((await t.http().post('/api/v1/auth/verify-email/resend')).status).toBe(401);
  });

  it('shows a banner with a resend button on the dashboard until verified, and verifies through a button, not the link alone', async () => {
    const user = await registerUser(t, 'artisan');
    // The sign-up's mail first, so the resent one is a mail of its own (a waiting job would take both).
    const first = tokenOf(await smtp.waitFor(user.email, isVerification));
    const browser = await signInWithForm(t, user);
    const dashboard = await browser.get('/dashboard');
    expect(dashboard.text).toContain(`Email ${user.email} belum diverifikasi`);
    expect(dashboard.text).toContain('action="/verify-email/resend"');
    const resent = await browser
      .post('/verify-email/resend')
      .type('form')
      .send({ _csrf: csrfOf(dashboard.text) });
    expect(resent.status).toBe(303);
    expect((await browser.get(resent.headers.location!)).text).toContain(`Tautan verifikasi baru sudah dikirim ke ${user.email}`);

    const link = linkIn(await smtp.waitFor(user.email, (m) => isVerification(m) && tokenOf(m) !== first), '/verify-email');
    expect((await verify(first)).status).toBe(422); // replaced by the newer link
    // Opening the link (a mail scanner might) verifies nothing; the button does.
    const page = await request(t.app.getHttpServer()).get(`${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Verifikasi email saya');
    expect((await browser.get('/dashboard')).text).toContain('belum diverifikasi');
    const opened = await browser.get(`${link.pathname}${link.search}`);
    const done = await browser
      .post('/verify-email')
      .type('form')
      .send({ _csrf: csrfOf(opened.text), token: link.searchParams.get('token') });
    expect(done.status).toBe(303);
    expect((await browser.get(done.headers.location!)).text).toContain('Email Anda sudah terverifikasi');
    const after = await browser.get('/dashboard');
    expect(after.text).not.toContain('belum diverifikasi');
    expect((await browser.get('/dashboard/account')).text).toContain('Terverifikasi');
  });
});

describe('accounts: links shown in the app on a developer’s installation without SMTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    // SEED_DEMO marks a developer's installation (it refuses an https PUBLIC_URL); the seeding itself runs only from main.ts.
    t = await createTestApp({ worker: false, env: { SEED_DEMO: '1' } });
  });
  afterAll(() => t.close());

  it('shows the reset link on the page and the verification link on the account page', async () => {
    const user = await registerUser(t, 'buyer');
    // The sign-up's own link (written to the log) is issued first; a newer one replaces it.
    await t.drainJobs();
    const browser = request.agent(t.app.getHttpServer());
    const forgot = await browser.get('/forgot-password');
    const sent = await browser
      .post('/forgot-password')
      .type('form')
      .send({ _csrf: csrfOf(forgot.text), email: user.email });
    expect(sent.status).toBe(200);
    expect(devLink(sent.text).pathname).toBe('/reset-password');

    const signedIn = await signInWithForm(t, user);
    const account = await signedIn.get('/dashboard/account');
    const resent = await signedIn
      .post('/verify-email/resend')
      .type('form')
      .send({ _csrf: csrfOf(account.text) });
    expect(resent.status).toBe(200);
    const verifyLink = devLink(resent.text);
    const opened = await signedIn.get(`${verifyLink.pathname}${verifyLink.search}`);
    expect(
      (
        await signedIn
          .post('/verify-email')
          .type('form')
          .send({ _csrf: csrfOf(opened.text), token: verifyLink.searchParams.get('token') })
      ).status,
    ).toBe(303);
    expect((await t.http().get('/api/v1/me').set(bearer(user.token))).body.emailVerified).toBe(true);
    // The API never answers with a link.
    expect((await t.http().post('/api/v1/auth/password-reset').send({ email: user.email })).text).toBe('');
  });
});
