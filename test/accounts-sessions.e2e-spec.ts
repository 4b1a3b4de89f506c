import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { csrfOf, signInWithForm } from './support/forms.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

interface Session {
  id: string;
  kind: string;
  createdAt: string;
  lastUsedAt: string | null;
  userAgent: string | null;
  current: boolean;
}

describe('accounts: sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = async (who: { email: string; password: string }, userAgent: string) => {
    const response = await t.http().post('/api/v1/auth/login').set('User-Agent', userAgent).send({ email: who.email, password: who.password });
    expect(response.status).toBe(200);
    return response.body.token as string;
  };
  const sessions = async (token: string, userAgent = 'Pasar Kerthi tests') => {
    const response = await t.http().get('/api/v1/me/sessions').set(bearer(token)).set('User-Agent', userAgent);
    expect(response.status).toBe(200);
    return response.body as Session[];
  };

  it('lists the caller’s live sessions with their device and last use, marking the current one', async () => {
    const user = await registerUser(t, 'buyer');
    const phone = await login(user, 'Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile');
    const laptop = await login(user, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133');
    await t.http().post('/api/v1/auth/logout').set(bearer(user.token));

    const list = await sessions(phone, 'Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile');
    expect(list).toHaveLength(2);
    const current = list.find((s) => s.current)!;
    expect(current.userAgent).toBe('Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile');
    expect(current.lastUsedAt).not.toBeNull();
    expect(current.kind).toBe('api');
    // The laptop's token was never used since sign-in: no device or last use yet.
    const other = list.find((s) => !s.current)!;
    expect(other.lastUsedAt).toBeNull();
    await sessions(laptop, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133');
    expect((await sessions(phone)).find((s) => s.id === other.id)!.userAgent).toBe('Mozilla/5.0 (X11; Linux x86_64) Firefox/133');

    // Nobody else's sessions show.
    const stranger = await registerUser(t, 'buyer');
    expect((await sessions(stranger.token)).map((s) => s.id)).not.toContain(other.id);
  });

  it('ends one of the caller’s sessions at once, and never someone else’s', async () => {
    const user = await registerUser(t, 'artisan');
    const second = await login(user, 'Second device');
    const secondId = (await sessions(second)).find((s) => s.current)!.id;

    const stranger = await registerUser(t, 'buyer');
    expect((await t.http().delete(`/api/v1/me/sessions/${secondId}`).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http().get('/api/v1/me').set(bearer(second))).status).toBe(200);

    expect((await t.http().delete(`/api/v1/me/sessions/${secondId}`).set(bearer(user.token))).status).toBe(204);
    expect((await t.http().get('/api/v1/me').set(bearer(second))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer(user.token))).status).toBe(200);
    expect((await t.http().delete(`/api/v1/me/sessions/${secondId}`).set(bearer(user.token))).status).toBe(404);
    expect((await t.http().delete('/api/v1/me/sessions/not-a-uuid').set(bearer(user.token))).status).toBe(400);
    expect((await t.http().get('/api/v1/me/sessions')).status).toBe(401);
  });

  it('changing the password ends the other sessions', async () => {
    const user = await registerUser(t, 'buyer');
    const other = await login(user, 'Other device');
    const changed = await t.http().post('/api/v1/auth/password').set(bearer(user.token)).send({ currentPassword: user.password, newPassword: 'a-brand-new-one-1' });
    expect(changed.status).toBe(200);
    expect((await t.http().get('/api/v1/me').set(bearer(other))).status).toBe(401);
    const left = await sessions(changed.body.token);
    expect(left).toHaveLength(1);
    expect(left[0]!.current).toBe(true);
  });

  it('lists the sessions on the account page, where a button signs one device out', async () => {
    const user = await registerUser(t, 'artisan');
    const browser = await signInWithForm(t, user);
    const page = await browser.get('/dashboard/account').set('User-Agent', 'Peramban Uji');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="sessions"');
    expect(page.text).toContain('Perangkat ini');
    const apiSessionId = (await sessions(user.token)).find((s) => s.current)!.id;
    expect(page.text).toContain(`id="session-${apiSessionId}"`);
    expect(page.text).toContain('Keluar dari perangkat ini');

    const ended = await browser
      .post(`/dashboard/account/sessions/${apiSessionId}/end`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(ended.status).toBe(303);
    expect((await t.http().get('/api/v1/me').set(bearer(user.token))).status).toBe(401);
    const after = await browser.get(ended.headers.location!);
    expect(after.text).toContain('Sesi itu sudah diakhiri.');
    expect(after.text).not.toContain(`id="session-${apiSessionId}"`);

    // Someone else's session id: 404, and it keeps working.
    const stranger = await registerUser(t, 'buyer');
    const strangerId = (await sessions(stranger.token)).find((s) => s.current)!.id;
    expect(
      (
        await browser
          .post(`/dashboard/account/sessions/${strangerId}/end`)
          .type('form')
          .send({ _csrf: csrfOf(after.text) })
      ).status,
    ).toBe(404);
    expect((await t.http().get('/api/v1/me').set(bearer(stranger.token))).status).toBe(200);

    // Ending this browser's own session signs it out.
    const currentId = /<li class="session current" id="session-([0-9a-f-]+)"/.exec(after.text)![1]!;
    const self = await browser
      .post(`/dashboard/account/sessions/${currentId}/end`)
      .type('form')
      .send({ _csrf: csrfOf(after.text) });
    expect(self.status).toBe(303);
    expect(self.headers.location).toBe('/login');
    expect((await browser.get('/dashboard/account')).status).not.toBe(200);
  });

  it('shows the page in English too', async () => {
    const user = await registerUser(t, 'buyer');
    const browser = await signInWithForm(t, user);
    const page = await browser.get('/dashboard/account?lang=en');
    expect(page.text).toContain('Sign out this device');
    expect(page.text).toContain('This device');
  });
});
