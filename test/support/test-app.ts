import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/web/src/create-app.js';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, JobWorker, loadConfig, startEmbeddedMeilisearch, type AppConfig } from '#libs/platform';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: DataSource;
  /** A supertest client for the app. */
  http: () => ReturnType<typeof request>;
  /** Listens on a free port (for browsers) and returns the base URL. */
  listen: () => Promise<string>;
  /** Runs every ready background job now (search sync, notifications…). */
  drainJobs: () => Promise<void>;
  close: () => Promise<void>;
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function freshDatabase(): Promise<string> {
  const base = process.env.PK_TEST_PG_URL;
  if (!base) throw new Error('PK_TEST_PG_URL unset: run tests through jest (global setup)');
  const name = `pk_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE pk_template`);
  } finally {
    await admin.end();
  }
  return base.replace(/\/postgres$/, `/${name}`);
}

/**
 * The real web app on a fresh database and its own Meilisearch index prefix.
 * `env` overrides environment variables (e.g. STRIPE_SECRET_KEY) for this app only.
 * The worker runs in-process unless `worker: false`.
 */
export async function createTestApp(options: { env?: Record<string, string>; worker?: boolean } = {}): Promise<TestApp> {
  // A Meilisearch of this file's own: its task queue is not shared with other files' indexing.
  const meili = options.env?.MEILI_HOST
    ? undefined
    : await startEmbeddedMeilisearch({
        binary: process.env.PK_TEST_MEILI_BINARY!,
        dbPath: mkdtempSync(join(process.env.PK_TEST_DIR!, 'meili-')),
        masterKey: process.env.PK_TEST_MEILI_KEY!,
      });
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: process.env.PK_TEST_DIR,
    DATABASE_URL: await freshDatabase(),
    MEILI_HOST: meili?.host ?? process.env.PK_TEST_MEILI_HOST,
    MEILI_MASTER_KEY: process.env.PK_TEST_MEILI_KEY,
    MEILI_INDEX_PREFIX: `t${randomBytes(4).toString('hex')}_`,
    APP_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Test files register dozens of users from 127.0.0.1; test/security-rate-limits sets 1.
    RATE_LIMIT_FACTOR: '1000',
    ...options.env,
  });
  process.env.DB_POOL_SIZE ??= '5';
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.init();
  const worker = app.get(JobWorker);
  if (options.worker !== false) await worker.start({ pollMs: 50 });
  const server = app.getHttpServer();
  return {
    app,
    config,
    db: app.get<DataSource>(getDataSourceToken()),
    http: () => request(server),
    drainJobs: () => worker.drain(),
    listen: async () => {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${address.port}`;
    },
    close: async () => {
      await worker.stop();
      await app.close();
      await meili?.stop();
    },
  };
}

/**
 * A second web process of `first`'s deployment, as behind a load balancer: the same database,
 * search index and secret, its own memory (page caches, stamps) and connections.
 */
export function createSecondProcess(first: TestApp): Promise<TestApp> {
  const c = first.config;
  return createTestApp({
    worker: false,
    env: { DATABASE_URL: c.databaseUrl!, MEILI_HOST: c.meiliHost!, MEILI_MASTER_KEY: c.meiliMasterKey!, MEILI_INDEX_PREFIX: c.meiliIndexPrefix, APP_SECRET: c.appSecret! },
  });
}

let counter = 0;

/** Registers a buyer or artisan through the API and returns its token and user. */
export async function registerUser(t: TestApp, role: 'buyer' | 'artisan' = 'buyer', name = 'Test User') {
  const email = `${role}${++counter}-${randomBytes(3).toString('hex')}@example.test`;
  const response = await t.http().post('/api/v1/auth/register').send({ email, password: 'correct-horse-1', name, role });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return { token: response.body.token as string, user: response.body.user as { id: string; email: string; name: string; roles: string[] }, email, password: 'correct-horse-1' };
}

/** Creates a curator, coop_admin or admin directly (admins are not self-registered) and signs in. */
export async function createStaffUser(t: TestApp, role: 'curator' | 'coop_admin' | 'admin', extra: { regency?: string | null; cooperativeId?: string | null } = {}) {
  const { UsersService } = await import('#libs/identity');
  const users = t.app.get(UsersService);
  const email = `${role}${++counter}-${randomBytes(3).toString('hex')}@example.test`;
  const user = await users.create({ email, password: 'correct-horse-1', name: `Staff ${role}`, roles: [role], regency: extra.regency ?? null, cooperativeId: extra.cooperativeId ?? null });
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: 'correct-horse-1' });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { token: login.body.token as string, user: { id: user.id, email, roles: user.roles }, email, password: 'correct-horse-1' };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
