import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateJobSchema, startEmbeddedPostgres } from '#libs/platform';
import { createSeller } from './support/commerce.js';
import { bearer, createTestApp, type TestApp } from './support/test-app.js';

const PASSWORD = 'restart-password';

/**
 * PostgreSQL restarted under a running web process (an upgrade, a failover): the process keeps
 * serving, and a change made afterwards shows on the very next storefront request, although the
 * page was cached and the connection that hears change notices was cut.
 */
describe('a PostgreSQL restart under a running web process', () => {
  let dir: string;
  let postgres: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  let t: TestApp;

  beforeAll(async () => {
    // A cluster of its own: the other test files share the global one, which must not restart.
    dir = mkdtempSync(join(process.env.PK_TEST_DIR!, 'pg-restart-'));
    chmodSync(dir, 0o755);
    postgres = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), password: PASSWORD, database: 'pk' });
    const migrations = new DataSource(dataSourceOptions(postgres.url('pk')));
    await migrations.initialize();
    await migrations.runMigrations();
    await migrations.destroy();
    await migrateJobSchema(postgres.url('pk'));
    t = await createTestApp({ worker: false, env: { DATABASE_URL: postgres.url('pk') } });
  });
  afterAll(async () => {
    await t?.close();
    await postgres?.stop();
  });

  it('serves the change made after the restart on the next storefront request', async () => {
    const seller = await createSeller(t, 'Tenun Setelah Restart');
    const product = await seller.product({ title: { id: 'Kain gringsing lama', en: 'Old gringsing cloth' } });
    expect((await t.http().post(`/api/v1/sellers/${seller.sellerId}/storefront/publish`).set(bearer(seller.owner.token))).status).toBe(200);
    const [{ slug }] = await t.db.query(`SELECT slug FROM sellers WHERE id = $1`, [seller.sellerId]);
    const page = () => t.http().get(`/s/${slug}`).set('Accept', 'text/html');
    expect((await page()).text).toContain('Kain gringsing lama');
    expect((await page()).text).toContain('Kain gringsing lama'); // now from memory

    await postgres.stop();
    postgres = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), password: PASSWORD, database: 'pk', port: postgres.port });

    const renamed = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(bearer(seller.owner.token))
      .send({ title: { id: 'Kain gringsing baru', en: 'New gringsing cloth' } });
    expect(renamed.status).toBe(200);
    const after = await page();
    expect(after.status).toBe(200);
    expect(after.text).toContain('Kain gringsing baru');
    expect(after.text).not.toContain('Kain gringsing lama');
  });
});
