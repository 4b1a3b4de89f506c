import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoCatalogueSeeder } from '../libs/catalogue/src/demo-catalogue.seeder.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('catalogue demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('gives every demo seller 10 to 16 bilingual products with generated images, once', async () => {
    const { UsersService, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('#libs/identity');
    const { DemoSellersSeeder } = await import('../libs/sellers/src/demo-sellers.seeder.js');
    const users = t.app.get(UsersService);
    for (const account of DEMO_ACCOUNTS.filter((a) => ['perajin@demo.pasarkerthi.id', 'koperasi@demo.pasarkerthi.id', 'kurator.bali@demo.pasarkerthi.id'].includes(a.email))) {
      await users.create({ ...account, password: DEMO_PASSWORD, roles: [account.role] });
    }
    await t.app.get(DemoSellersSeeder).seed();
    const seeder = t.app.get(DemoCatalogueSeeder);
    // About 6 s on an idle 2-core machine; not asserted, since parallel test files share the CPUs.
    await seeder.seed();
    await seeder.seed();

    const [totals] = await t.db.query(
      `SELECT count(*)::int AS products, count(DISTINCT category_slug)::int AS categories, count(*) FILTER (WHERE title ? 'en')::int AS english,
              count(*) FILTER (WHERE export IS NOT NULL)::int AS export, count(*) FILTER (WHERE hs_code IS NULL)::int AS without_hs
       FROM products`,
    );
    expect(totals.products).toBeGreaterThanOrEqual(400);
    expect(totals.english).toBe(totals.products);
    expect(totals.categories).toBeGreaterThanOrEqual(17);
    expect(totals.export).toBeGreaterThan(5);
    expect(totals.without_hs).toBe(0);
    const perSeller: Array<{ n: number }> = await t.db.query(`SELECT count(p.id)::int AS n FROM sellers s LEFT JOIN products p ON p.seller_id = s.id GROUP BY s.id`);
    expect(perSeller.every(({ n }) => n >= 10 && n <= 16)).toBe(true);
    const [{ variants }] = await t.db.query(`SELECT count(*)::int AS variants FROM product_variants`);
    expect(variants).toBeGreaterThan(100);
    const [{ unimaged }] = await t.db.query(`SELECT count(*)::int AS unimaged FROM products p WHERE NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id)`);
    expect(unimaged).toBe(0);

    const [coffee] = await t.db.query(`SELECT p.id FROM products p JOIN sellers s ON s.id = p.seller_id WHERE s.slug = 'kopi-arabika-kintamani' AND p.status = 'active' LIMIT 1`);
    const page = await t.http().get(`/products/${coffee.id}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kintamani');
    expect(page.text).toMatch(/srcset="\/media\/[0-9a-f-]+\/320\.webp 320w/);
    const home = await t.http().get('/');
    expect(home.text).toContain('product-card');
  }, 120_000);
});
