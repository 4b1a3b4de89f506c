import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUTH_POLICY } from '#libs/identity';
import { DbNotifications } from '#libs/platform';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('reports db and search up on /health', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up', search: 'up' });
  });

  it('hears database notices of other connections, and sync() waits for every one committed before it', async () => {
    const notices = t.app.get(DbNotifications);
    const heard: string[] = [];
    await notices.subscribe('pk_test_sync', { onMessage: (payload) => heard.push(payload) });
    for (let i = 0; i < 20; i++) {
      await t.db.query(`SELECT pg_notify('pk_test_sync', $1)`, [String(i)]);
      expect(await notices.sync()).toBe(true);
      expect(heard.at(-1)).toBe(String(i));
    }
    // Callers at the same moment share round trips, and each still sees every earlier notice.
    await t.db.query(`SELECT pg_notify('pk_test_sync', 'last')`);
    const synced = await Promise.all(Array.from({ length: 50 }, async () => ((await notices.sync()) ? heard.at(-1) : 'not listening')));
    expect(synced).toEqual(Array(50).fill('last'));
  });

  it('gives up on a notifications connection that stops answering, reads the database meanwhile, and reconnects', async () => {
    const notices = t.app.get(DbNotifications);
    await notices.subscribe('pk_test_stall', { onMessage: () => undefined });
    expect(await notices.sync()).toBe(true);
    // A half-open socket: PostgreSQL's answers no longer arrive.
    const client = (notices as unknown as { client: { connection: { stream: { pause(): void } } } }).client;
    client.connection.stream.pause();
    expect(await notices.sync()).toBe(false);
    expect(notices.isListening).toBe(false);
    // Requests are not held up meanwhile.
    expect((await t.http().get('/health')).status).toBe(200);
    for (let i = 0; i < 50 && !notices.isListening; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(notices.isListening).toBe(true);
    expect(await notices.sync()).toBe(true);
  });

  it('answers unknown API routes with a problem+json 404', async () => {
    const response = await t.http().get('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers malformed JSON with 400 and wrong types with 422, never 500', async () => {
    const malformed = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const wrongTypes = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 42, password: ['x'], name: { a: 1 }, role: true });
    expect(wrongTypes.status).toBe(422);
    expect(wrongTypes.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password', 'role']);
    const array = await t.http().post('/api/v1/auth/login').send([1, 2]);
    expect(array.status).toBeGreaterThanOrEqual(400);
    expect(array.status).toBeLessThan(500);
  });

  it('sends security headers and a request id', async () => {
    const response = await t.http().get('/');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI document of the API routes', async () => {
    const response = await t.http().get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/me', '/api/v1/admin/users', '/health']));
    expect((await t.http().get('/api/docs')).status).toBe(200);
  });

  it('declares an access policy on every route (deny by default)', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const missing: string[] = [];
    let routes = 0;
    for (const controller of discovery.getControllers()) {
      const prototype = Object.getPrototypeOf(controller.instance);
      for (const name of scanner.getAllMethodNames(prototype)) {
        if (!Reflect.getMetadata('path', prototype[name])) continue;
        routes++;
        const policy = reflector.getAllAndOverride(AUTH_POLICY, [prototype[name], controller.metatype as Type]);
        if (!policy) missing.push(`${controller.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });
});

describe('pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('serves the home page in Indonesian, and in English with ?lang=en', async () => {
    const id = await t.http().get('/');
    expect(id.status).toBe(200);
    expect(id.text).toContain('<html lang="id">');
    expect(id.text).toContain('Masuk');
    const en = await t.http().get('/?lang=en');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Sign in');
    expect(String(en.headers['set-cookie'])).toContain('lang=en');
  });

  it('registers and signs in through forms without JavaScript, with CSRF protection', async () => {
    const agent = (await import('supertest')).default.agent(t.app.getHttpServer());
    const form = await agent.get('/register');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    expect(csrf).toBeTruthy();

    const withoutToken = await agent.post('/register').type('form').send({ name: 'Ketut', email: 'ketut@example.test', password: 'panjang-sekali', role: 'artisan' });
    expect(withoutToken.status).toBe(403);

    const registered = await agent.post('/register').type('form').send({ _csrf: csrf, name: 'Ketut', email: 'ketut@example.test', password: 'panjang-sekali', role: 'artisan' });
    expect(registered.status).toBe(303);
    expect(String(registered.headers['set-cookie'])).toMatch(/pk_session=[^;]+;.*HttpOnly/i);
    const home = await agent.get('/');
    expect(home.text).toContain('Keluar');

    const loginPage = await (await import('supertest')).default.agent(t.app.getHttpServer()).get('/login');
    expect(loginPage.text).toContain('name="password"');
  });

  it('shows form errors next to the fields', async () => {
    const agent = (await import('supertest')).default.agent(t.app.getHttpServer());
    const form = await agent.get('/register?lang=en');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    const response = await agent.post('/register').type('form').send({ _csrf: csrf, name: 'Ketut', email: 'not-an-email', password: 'short', role: 'buyer' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Enter a valid email address.');
    expect(response.text).toContain('The password needs at least 10 characters.');
  });
});
