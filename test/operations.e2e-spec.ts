import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { createLogger, freePort, JobWorker, Readiness } from '#libs/platform';
import { addToCart, checkout, createSeller } from './support/commerce.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** Asks `/health/ready` until it answers 200 (a load balancer's probe), giving up after many tries. */
async function untilReady(t: TestApp) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const response = await t.http().get('/health/ready');
    if (response.status === 200) return response;
    await sleep(50);
  }
  throw new Error('never ready');
}

/** Prometheus text exposition → samples (`name{labels} value`), as a scraper reads it. */
function parseExposition(text: string) {
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

describe('readiness: a worker in another process and a search index caught up with the start', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('answers 503 naming the worker and the unindexed change, then 200 once a separate worker indexed it, and search finds it', async () => {
    const seller = await createSeller(t, 'Kopi Kintamani Readiness');
    const product = await seller.product({ title: { id: 'Kopi arabika pelangi', en: 'Rainbow arabica coffee' } });
    // As `npm start` does after loading demo data: what is committed now must be searchable before ready.
    t.app.get(Readiness).markStarted();

    const notReady = await t.http().get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body.ready).toBe(false);
    expect(notReady.body.checks.migrations).toBe('ok');
    expect(notReady.body.checks.worker).toBe('no job worker is running');
    expect(notReady.body.checks.search).toMatch(/not yet indexed/);
    expect((await t.http().get('/api/v1/catalogue?q=pelangi')).body.total).toBe(0);

    // The web process runs no worker (WORKER_IN_PROCESS=0); a worker process on the same database does the work.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.config, createLogger('silent')), { logger: false });
    await worker.get(JobWorker).start({ pollMs: 50 });

    const ready = await untilReady(t);
    expect(ready.body).toEqual({ ready: true, checks: { migrations: 'ok', worker: 'ok', search: 'ok' } });
    const found = await t.http().get('/api/v1/catalogue?q=pelangi');
    expect(found.body.hits.map((hit: { id: string }) => hit.id)).toEqual([product.id]);
  });

  it('is no longer ready when the only worker stops', async () => {
    await worker!.close();
    worker = undefined;
    // The server drops a closed connection from pg_stat_activity a moment after the client left.
    let response = await t.http().get('/health/ready');
    for (let attempt = 0; attempt < 100 && response.status === 200; attempt++) {
      await sleep(20);
      response = await t.http().get('/health/ready');
    }
    expect(response.status).toBe(503);
    expect(response.body.checks).toEqual({ migrations: 'ok', worker: 'no job worker is running', search: 'ok' });
  });
});

describe('liveness: a search outage degrades, a database outage fails', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on this port: Meilisearch is down from the start.
    t = await createTestApp({ env: { MEILI_HOST: `http://127.0.0.1:${await freePort()}` } });
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
  });

  it('answers 200 degraded while Meilisearch is down, and readiness names search', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'degraded', db: 'up', search: 'down' });
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.search).toBe('Meilisearch is not reachable');
    expect(ready.body.checks.worker).toBe('ok');
  });

  it('answers 503 when the database is gone', async () => {
    await t.db.destroy();
    const health = await t.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', db: 'down', search: 'down' });
  });
});

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a scrape without the METRICS_TOKEN or with a wrong one', async () => {
    const missing = await t.http().get('/metrics');
    expect(missing.status).toBe(401);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token-at-all-000')).status).toBe(401);
  });

  it('exposes request durations by route pattern, the job queue, search lag, payments, payouts, the trial balance and process metrics', async () => {
    const seller = await createSeller(t, 'Tenun Metrics');
    const product = await seller.product();
    const buyer = await registerUser(t, 'buyer');
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    expect((await checkout(t, buyer.token)).status).toBe(201);
    expect((await t.http().get(`/products/${product.id}`)).status).toBe(200);
    expect((await t.http().get('/no-such-page')).status).toBe(404);
    // A storefront page: rendered by its controller, then sent from memory before the router.
    expect((await t.http().post(`/api/v1/sellers/${seller.sellerId}/storefront/publish`).set(bearer(seller.owner.token))).status).toBe(200);
    const [{ slug }] = await t.db.query(`SELECT slug FROM sellers WHERE id = $1`, [seller.sellerId]);
    for (let visit = 0; visit < 2; visit++) expect((await t.http().get(`/s/${slug}`)).status).toBe(200);

    const scrape = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, types } = parseExposition(scrape.text);
    const sample = (name: string, labels: Record<string, string> = {}) => samples.find((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));

    expect(types.get('pk_http_request_duration_seconds')).toBe('histogram');
    expect(sample('pk_http_request_duration_seconds_count', { method: 'GET', route: '/products/:id', status: '200' })?.value).toBe(1);
    expect(sample('pk_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/checkout', status: '201' })?.value).toBe(1);
    expect(sample('pk_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })?.value).toBe(1);
    expect(sample('pk_http_request_duration_seconds_count', { method: 'GET', route: '/s/:slug', status: '200' })?.value).toBe(2);
    // Routes are patterns: no id ever becomes a label.
    expect(samples.some((s) => Object.values(s.labels).some((value) => value.includes(product.id)))).toBe(false);

    expect(sample('pk_payments', { method: 'bank_transfer', status: 'pending' })?.value).toBe(1);
    expect(sample('pk_payments_amount_minor', { method: 'bank_transfer', status: 'pending' })?.value).toBeGreaterThanOrEqual(15_000_000);
    expect(types.get('pk_payouts')).toBe('gauge');
    expect(sample('pk_ledger_trial_balance_minor')?.value).toBe(0);
    expect(sample('pk_search_sync_lag_seconds')?.value).toBeGreaterThanOrEqual(0);
    expect(types.get('pk_jobs_waiting')).toBe('gauge');
    expect(types.get('pk_jobs_oldest_age_seconds')).toBe('gauge');
    expect(types.get('pk_jobs_failed')).toBe('gauge');
    expect(sample('process_cpu_user_seconds_total')?.value).toBeGreaterThan(0);
    expect(sample('nodejs_heap_size_used_bytes')?.value).toBeGreaterThan(0);
  });

  it('shows waiting jobs by task and their age while no worker takes them', async () => {
    const task = 'catalogue.ProductChanged:SearchSync.onProductChanged';
    const scrape = async () => parseExposition((await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text).samples;
    const value = (samples: Awaited<ReturnType<typeof scrape>>, name: string, labels: Record<string, string> = {}) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([key, v]) => s.labels[key] === v))?.value ?? 0;
    await t.app.get(JobWorker).stop();
    await t.drainJobs();
    const before = await scrape();

    const seller = await createSeller(t, 'Perak Celuk Metrics');
    await seller.product();
    const after = await scrape();
    expect(value(after, 'pk_jobs_waiting', { task }) - value(before, 'pk_jobs_waiting', { task })).toBe(1);
    expect(value(after, 'pk_jobs_oldest_age_seconds', { task })).toBeGreaterThanOrEqual(0);
    expect(value(after, 'pk_search_sync_waiting') - value(before, 'pk_search_sync_waiting')).toBe(1);
  });
});

describe('npm start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('prints its URL only once search has caught up, so the first search finds what was there before the start', async () => {
    const seller = await createSeller(t, 'Garam Amed Start');
    const product = await seller.product({ title: { id: 'Garam laut kristal Amed', en: 'Amed crystal sea salt' } });
    const port = await freePort();
    // The built server (`npm test` and `npm run test:e2e` build first), on this file's database and index.
    const child = spawn(process.execPath, ['dist/apps/web/src/main.js'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-start-')),
        DATABASE_URL: t.config.databaseUrl,
        MEILI_HOST: t.config.meiliHost,
        MEILI_MASTER_KEY: t.config.meiliMasterKey,
        MEILI_INDEX_PREFIX: t.config.meiliIndexPrefix,
        APP_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let output = '';
      const printed = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const url = /Pasar Kerthi is ready at (\S+)/.exec(output)?.[1];
          if (url) resolve(url);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code} before ready: ${output}`)));
      });
      expect(printed).toBe(`http://localhost:${port}`);
      const found = (await (await fetch(`http://127.0.0.1:${port}/api/v1/catalogue?q=kristal`)).json()) as { hits: Array<{ id: string }> };
      expect(found.hits.map((hit) => hit.id)).toEqual([product.id]);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
