import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

describe('identity API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { ADMIN_EMAIL: 'boss@pasarkerthi.test', ADMIN_PASSWORD: 'admin-password-1' } });
  });
  afterAll(() => t.close());

  it('registers, signs in, shows /me, signs out, then refuses the token', async () => {
    const register = await t.http().post('/api/v1/auth/register').send({ email: 'Made@Example.test', password: 'sepuluh-karakter', name: 'Made Wirawan', role: 'artisan', locale: 'id' });
    expect(register.status).toBe(201);
    expect(register.body.user).toMatchObject({ email: 'made@example.test', name: 'Made Wirawan', roles: ['artisan'] });
    expect(register.body.user).not.toHaveProperty('passwordHash');

    const login = await t.http().post('/api/v1/auth/login').send({ email: 'made@example.test', password: 'sepuluh-karakter' });
    expect(login.status).toBe(200);
    expect(login.body.token).not.toBe(register.body.token);

    const me = await t.http().get('/api/v1/me').set(bearer(login.body.token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: register.body.user.id, roles: ['artisan'] });

    expect((await t.http().post('/api/v1/auth/logout').set(bearer(login.body.token))).status).toBe(204);
    const after = await t.http().get('/api/v1/me').set(bearer(login.body.token));
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    // The other token (from registration) still works: logout revokes only the one used.
    expect((await t.http().get('/api/v1/me').set(bearer(register.body.token))).status).toBe(200);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    const first = await registerUser(t, 'buyer');
    const again = await t.http().post('/api/v1/auth/register').send({ email: first.email.toUpperCase(), password: 'another-password', name: 'X', role: 'buyer' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'email', message: 'is already registered' }]);
  });

  it('refuses a short password with 422 naming the field', async () => {
    const response = await t.http().post('/api/v1/auth/register').send({ email: 'short@example.test', password: 'pendek', name: 'Short', role: 'buyer' });
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual({ field: 'password', message: 'must be at least 10 characters' });
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const user = await registerUser(t, 'buyer');
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' });
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.test', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('throttles repeated failures for one account with 429, even with the right password', async () => {
    const user = await registerUser(t, 'buyer');
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await t
            .http()
            .post('/api/v1/auth/login')
            .send({ email: user.email, password: `wrong-password-${i}` })
        ).status,
      ).toBe(401);
    }
    const blocked = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('lets only an admin create staff accounts', async () => {
    const buyer = await registerUser(t, 'buyer');
    const denied = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(buyer.token))
      .send({ email: 'cur@example.test', password: 'curator-password', name: 'Kurator', role: 'curator', regency: 'gianyar' });
    expect(denied.status).toBe(403);
    expect((await t.http().post('/api/v1/admin/users').send({})).status).toBe(401);

    const adminLogin = await t.http().post('/api/v1/auth/login').send({ email: 'boss@pasarkerthi.test', password: 'admin-password-1' });
    expect(adminLogin.status).toBe(200);
    const created = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(adminLogin.body.token))
      .send({ email: 'cur@example.test', password: 'curator-password', name: 'Kurator', role: 'curator', regency: 'gianyar' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ roles: ['curator'], regency: 'gianyar' });

    const badRegency = await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(adminLogin.body.token))
      .send({ email: 'cur2@example.test', password: 'curator-password', name: 'K', role: 'curator', regency: 'jakarta' });
    expect(badRegency.status).toBe(422);
    expect(badRegency.body.errors[0].field).toBe('regency');
  });

  it('refuses roles and other unknown fields in registration (no mass assignment)', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'sneaky@example.test', password: 'sneaky-password', name: 'S', role: 'buyer', roles: ['admin'] });
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual({ field: 'roles', message: 'is not a known field' });
    const role = await t.http().post('/api/v1/auth/register').send({ email: 'sneaky@example.test', password: 'sneaky-password', name: 'S', role: 'admin' });
    expect(role.status).toBe(422);
  });

  it('revokes every token when the password changes', async () => {
    const user = await registerUser(t, 'buyer');
    const second = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    const changed = await t.http().post('/api/v1/auth/password').set(bearer(user.token)).send({ currentPassword: user.password, newPassword: 'brand-new-password' });
    expect(changed.status).toBe(200);
    expect((await t.http().get('/api/v1/me').set(bearer(second.body.token))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer(user.token))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer(changed.body.token))).status).toBe(200);
  });

  it('gives a curator created in a test helper a working token', async () => {
    const curator = await createStaffUser(t, 'curator', { regency: 'bangli' });
    const me = await t.http().get('/api/v1/me').set(bearer(curator.token));
    expect(me.body).toMatchObject({ roles: ['curator'], regency: 'bangli' });
  });
});
