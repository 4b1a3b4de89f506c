// Jest loads this file outside its module mapper, so '#libs/…' resolves to dist/ (npm test builds first).
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, findMeilisearchBinary, migrateJobSchema, startEmbeddedMeilisearch, startEmbeddedPostgres } from '#libs/platform';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser the journeys run in, never downloaded at test time: CHROMIUM_PATH when set, else the
 * system's Chromium when there is one, else the Chromium build that `npm ci` installed inside
 * @sparticuz/chromium (unpacked to /tmp once, here, before test files run side by side), so
 * `npm ci && npm test` is all a fresh machine needs.
 */
async function chromiumExecutable(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return (await import('@sparticuz/chromium')).default.executablePath();
}

/**
 * Starts one real PostgreSQL for the whole run on a free port in a throwaway directory and
 * migrates a template database that every test file clones (CREATE DATABASE … TEMPLATE),
 * so files run in parallel without sharing rows. Meilisearch processes its tasks one at a
 * time for all indexes, so each test file starts its own (test-app.ts) from the binary
 * prepared here; this shared one serves tests that only need a running server.
 */
export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'pk-test-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const password = 'test-password';
  const binary = findMeilisearchBinary(process.env.MEILI_BINARY, join(dir, 'bin'));
  const [postgres, meili] = await Promise.all([
    startEmbeddedPostgres({ dir: join(dir, 'postgres'), password, database: 'pk_template' }),
    startEmbeddedMeilisearch({
      binary,
      dbPath: join(dir, 'meili'),
      masterKey: 'test-master-key-0123456789',
    }),
  ]);
  const template = new DataSource(dataSourceOptions(postgres.url('pk_template')));
  await template.initialize();
  await template.runMigrations();
  await template.destroy();
  // graphile-worker's schema too, so every cloned database has it (the apps migrate it at start).
  await migrateJobSchema(postgres.url('pk_template'));

  process.env.CHROMIUM_PATH = await chromiumExecutable();
  process.env.PK_TEST_PG_URL = postgres.url('postgres');
  process.env.PK_TEST_MEILI_HOST = meili.host;
  process.env.PK_TEST_MEILI_KEY = meili.masterKey;
  process.env.PK_TEST_MEILI_BINARY = binary;
  process.env.PK_TEST_DIR = dir;
  (globalThis as Record<string, unknown>).__pkServices = { postgres, meili, dir };
}
