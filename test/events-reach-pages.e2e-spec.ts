import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ProductsService } from '#libs/catalogue';
import { TokenService } from '#libs/identity';
import { SellersService } from '#libs/sellers';
import { StorefrontsService } from '#libs/storefronts';
import { jobs, TASKS } from './support/jobs.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

jest.setTimeout(120_000);

/**
 * Changes made through the services alone (no HTTP, as another lib, a job or the CLI would make
 * them) reach search and the storefront page through their domain events: the storefront at once
 * (its notice is sent in the change's transaction), search once the subscriber's job has run.
 */
describe('domain events carry service-made changes to search and storefront pages', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let sellerId: string;
  let productId: string;

  const page = () => t.http().get('/s/tenun-peristiwa').set('Accept', 'text/html');
  const search = async (q: string) => (await t.http().get('/api/v1/catalogue').query({ q })).body as { total: number; hits: Array<{ id: string; title: string }> };
  const user = async () => (await t.app.get(TokenService).resolve(owner.token))!;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Ni Kadek');
    const seller = await t.http().post('/api/v1/sellers').set(bearer(owner.token)).send({ name: 'Tenun Peristiwa', slug: 'tenun-peristiwa', regency: 'klungkung', businessForm: 'individual' });
    expect(seller.status).toBe(201);
    sellerId = seller.body.id;
    const [category] = await t.db.query(`SELECT slug FROM categories ORDER BY slug LIMIT 1`);
    const created = await t.app.get(ProductsService).create(await user(), sellerId, {
      title: { id: 'Kain songket lama' },
      description: { id: 'Tenunan tangan.' },
      categorySlug: category.slug,
      price: { amount: 25_000_000, currency: 'IDR' },
      stock: 3,
      status: 'active',
    } as never);
    productId = created.id;
    await t.app.get(StorefrontsService).publish(await user(), sellerId);
    await t.drainJobs();
  });
  afterAll(() => t.close());

  it('a product update through ProductsService shows on the storefront at once and in search after its job', async () => {
    const before = await page();
    expect(before.status).toBe(200);
    expect(before.text).toContain('Kain songket lama');
    expect((await search('songket lama')).hits.map((hit) => hit.id)).toContain(productId);

    await t.app.get(ProductsService).update(await user(), productId, { title: { id: 'Kain songket emas' } } as never);
    const after = await page();
    expect(after.text).toContain('Kain songket emas');
    expect(after.text).not.toContain('Kain songket lama');
    // Search follows through the subscriber's job, written in the same transaction.
    expect((await jobs(t, { task: TASKS.searchProduct })).map((job) => job.payload)).toEqual([{ productId, sellerId }]);
    await t.drainJobs();
    const found = await search('songket emas');
    expect(found.hits.map((hit) => hit.id)).toContain(productId);
    expect(found.hits.find((hit) => hit.id === productId)!.title).toBe('Kain songket emas');
  });

  it('a suspension through SellersService hides the storefront at once and the products from search after the job', async () => {
    await t.db.transaction((manager) => t.app.get(SellersService).setSuspension(manager, sellerId, 'Pemeriksaan'));
    expect((await page()).status).toBe(404);
    await t.drainJobs();
    expect((await search('songket emas')).hits.map((hit) => hit.id)).not.toContain(productId);

    await t.db.transaction((manager) => t.app.get(SellersService).setSuspension(manager, sellerId, null));
    expect((await page()).status).toBe(200);
    await t.drainJobs();
    expect((await search('songket emas')).hits.map((hit) => hit.id)).toContain(productId);
  });
});
