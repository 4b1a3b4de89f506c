import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { backup } from '../apps/cli/src/backup/backup.js';
import type { Progress } from '../apps/cli/src/backup/database-dump.js';
import { restore } from '../apps/cli/src/backup/restore.js';
import { LedgerService } from '#libs/ledger';
import { loadConfig, startEmbeddedMeilisearch } from '#libs/platform';
import { addToCart, checkout, createSeller, tokenFor } from './support/commerce.js';
import { bearer, createTestApp, freshDatabase, registerUser, type TestApp } from './support/test-app.js';

/** Records what the progress bars were told, as the terminal would show it. */
function recordingProgress() {
  const steps: Array<{ step: string; total: number; done: number; stopped: boolean }> = [];
  const progress = (step: string): Progress => {
    const entry = { step, total: 0, done: 0, stopped: false };
    steps.push(entry);
    return { start: (total) => void (entry.total = total), increment: (by) => void (entry.done += by), stop: () => void (entry.stopped = true) };
  };
  return { steps, progress };
}

describe('backup and restore into an empty installation', () => {
  let source: TestApp | undefined;
  let target: TestApp | undefined;
  let meili: Awaited<ReturnType<typeof startEmbeddedMeilisearch>> | undefined;
  const archive = join(mkdtempSync(join(tmpdir(), 'pk-backups-')), 'pasar-kerthi.tar.gz');

  beforeAll(async () => {
    source = await createTestApp({ env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'pk-source-')) } });
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await meili?.stop();
  });

  it('brings back the products, images, accounts, orders and ledger, searchable, and refuses to restore over data', async () => {
    if (!source) throw new Error('no source app');
    const seller = await createSeller(source, 'Kopi Cadangan Kintamani');
    const image = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#78350f' } })
      .png()
      .toBuffer();
    const uploaded = await source.http().post(`/api/v1/sellers/${seller.sellerId}/media`).set(bearer(seller.owner.token)).attach('file', image, 'kopi.png');
    expect(uploaded.status).toBe(201);
    const product = await seller.product({ title: { id: 'Kopi arabika cadangan', en: 'Backup arabica coffee' }, images: [uploaded.body.id] });
    const buyer = await registerUser(source, 'buyer', 'Wayan Pembeli');
    expect((await addToCart(source, buyer.token, product.id, 2)).status).toBe(201);
    const placed = await checkout(source, buyer.token);
    const orderId = placed.body.orders[0].id as string;
    const paid = await source
      .http()
      .post(`/api/v1/orders/${orderId}/transitions`)
      .set(bearer(await tokenFor(source, 'paid', { buyer: buyer.token, seller: seller.owner.token })))
      .send({ to: 'paid' });
    expect(paid.status).toBe(200);
    await source.drainJobs();
    const productBefore = (await source.http().get(`/api/v1/products/${product.id}`)).body;
    const ledgerBefore = await source.app.get(LedgerService).trialBalance();
    expect(ledgerBefore.accounts.length).toBeGreaterThan(2);

    const backedUp = recordingProgress();
    const result = await backup(source.config, archive, backedUp.progress);
    expect(result.uploads).toBe(2);
    expect(backedUp.steps.map((s) => [s.step, s.done === s.total, s.stopped])).toEqual([
      ['Database', true, true],
      ['Uploads', true, true],
    ]);
    // A plain gzip-compressed tar: operators can list it.
    const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing[0]).toBe('manifest.json');
    expect(listing).toEqual(expect.arrayContaining(['data/public.products.jsonl', 'data/public.ledger_entries.jsonl', `uploads/${uploaded.body.id}-640.webp`]));
    await source.close();
    source = undefined;

    // A new installation: an empty database and data directory, its own Meilisearch.
    const databaseUrl = await freshDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'pk-target-'));
    meili = await startEmbeddedMeilisearch({ binary: process.env.PK_TEST_MEILI_BINARY!, dbPath: mkdtempSync(join(process.env.PK_TEST_DIR!, 'meili-')), masterKey: process.env.PK_TEST_MEILI_KEY! });
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MEILI_HOST: meili.host, MEILI_MASTER_KEY: process.env.PK_TEST_MEILI_KEY!, MEILI_INDEX_PREFIX: `r${randomBytes(4).toString('hex')}_` };
    const config = loadConfig({ ...env, APP_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent' });
    const restored = recordingProgress();
    const outcome = await restore(config, archive, restored.progress);
    expect(outcome).toEqual({ rows: result.rows, uploads: 2, indexed: 1 });
    expect(restored.steps.map((s) => [s.step, s.done === s.total, s.stopped])).toEqual([
      ['Database', true, true],
      ['Uploads', true, true],
      ['Search', true, true],
    ]);
    expect(readdirSync(join(dataDir, 'uploads')).sort()).toEqual([`${uploaded.body.id}-320.webp`, `${uploaded.body.id}-640.webp`]);

    // No worker and no queued job ran: search answers from the rebuilt index.
    target = await createTestApp({ worker: false, env });
    const found = await target.http().get('/api/v1/catalogue?q=cadangan');
    expect(found.body.hits.map((hit: { id: string }) => hit.id)).toEqual([product.id]);
    expect((await target.http().get(`/api/v1/products/${product.id}`)).body).toEqual(productBefore);
    const served = await target.http().get(`/media/${uploaded.body.id}/640.webp`).buffer(true);
    expect(served.status).toBe(200);
    expect((await sharp(served.body as Buffer).metadata()).width).toBe(640);

    const login = await target.http().post('/api/v1/auth/login').send({ email: buyer.email, password: buyer.password });
    expect(login.status).toBe(200);
    const orders = await target.http().get('/api/v1/orders').set(bearer(login.body.token));
    expect(orders.body.items.map((order: { id: string; status: string }) => [order.id, order.status])).toEqual([[orderId, 'paid']]);
    expect(await target.app.get(LedgerService).trialBalance()).toEqual(ledgerBefore);

    // New rows keep counting after the restored ones, and the books still balance.
    const again = await registerUser(target, 'buyer', 'Made Baru');
    expect((await addToCart(target, again.token, product.id, 1)).status).toBe(201);
    expect((await checkout(target, again.token)).status).toBe(201);

    await expect(restore(config, archive, recordingProgress().progress)).rejects.toThrow(/not empty \(\d+ account\(s\), 2 uploaded file\(s\)\)/);
    expect(existsSync(archive)).toBe(true);
  });
});
