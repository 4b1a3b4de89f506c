import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DomainEvents } from '#libs/platform';
import { SellerChanged } from '#libs/sellers';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

// Meilisearch indexes 1,500 documents in the background; on a machine busy with other suites that takes a while.
jest.setTimeout(180_000);

const PRODUCTS = 1500;

describe('search totals above 1,000', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const artisan = await registerUser(t, 'artisan', 'Ni Luh Garam');
    const seller = await t.http().post('/api/v1/sellers').set(bearer(artisan.token)).send({ name: 'Garam Amed Lestari', regency: 'karangasem', businessForm: 'individual' });
    expect(seller.status).toBe(201);
    // Rows written in one statement, then the seller's change: search re-indexes all of a seller's products in chunks of 1,000, not one job each.
    await t.db.query(
      `INSERT INTO products (seller_id, title, description, category_slug, price_amount, stock, status)
       SELECT $1, jsonb_build_object('id', 'Garam laut kristal ' || n), '{"id": ""}', 'garam-laut', 1000000 + n, 1, 'active' FROM generate_series(1, $2::int) n`,
      [seller.body.id, PRODUCTS],
    );
    await t.app.get(DomainEvents).record(t.db.manager, SellerChanged, { sellerId: seller.body.id });
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  it('tells the true number of matching products through the API, for a query and for a category', async () => {
    const byWord = await t.http().get('/api/v1/catalogue').query({ q: 'garam kristal', perPage: '5' });
    expect(byWord.status).toBe(200);
    expect(byWord.body.total).toBe(PRODUCTS);
    expect(byWord.body.hits).toHaveLength(5);
    const byCategory = await t.http().get('/api/v1/catalogue').query({ category: 'garam-laut', page: '50', perPage: '20' });
    expect(byCategory.body.total).toBe(PRODUCTS);
    expect(byCategory.body.hits).toHaveLength(20);
  });

  it('shows the true total on /search, and says how far paging goes', async () => {
    const id = await t.http().get('/search').query({ category: 'garam-laut' });
    expect(id.status).toBe(200);
    expect(id.text).toContain('1.500 produk');
    expect(id.text).toContain('Halaman 1 dari 50');
    expect(id.text).toContain('Hanya 1.000 hasil pertama');
    const en = await t.http().get('/search').query({ category: 'garam-laut', lang: 'en' });
    expect(en.text).toContain('1,500 products');
    expect(en.text).toContain('Only the first 1,000 results can be paged through');
  });

  it('refuses paging past the first 1,000 results with 422 naming the page', async () => {
    const deep = await t.http().get('/api/v1/catalogue').query({ category: 'garam-laut', page: '51', perPage: '20' });
    expect(deep.status).toBe(422);
    expect(deep.headers['content-type']).toContain('application/problem+json');
    expect(deep.body.errors).toEqual([expect.objectContaining({ field: 'page' })]);
  });
});
