import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StockService } from '#libs/catalogue';
import { insertCooperative, insertSeller } from './support/catalogue-fixtures.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { jobs as queuedJobs, TASKS } from './support/jobs.js';

type Session = Awaited<ReturnType<typeof registerUser>>;

const product = (extra: Record<string, unknown> = {}) => ({
  title: { id: 'Kain endek motif cepuk', en: 'Endek cloth, cepuk motif' },
  description: { id: '<p>Ditenun di <strong>Sidemen</strong>.</p><script>alert(1)</script><img src=x onerror=alert(1)>' },
  categorySlug: 'endek',
  price: { amount: 15000000, currency: 'IDR' },
  stock: 4,
  status: 'active',
  materials: ['katun', 'pewarna alam'],
  technique: 'tenun ikat pakan',
  originVillage: 'Sidemen',
  weightGrams: 350,
  hsCode: '5208.42',
  ...extra,
});

describe('catalogue: categories, products, stock', () => {
  let t: TestApp;
  let owner: Session;
  let stranger: Session;
  let coopAdmin: { token: string };
  let sellerId: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const cooperativeId = await insertCooperative(t);
    coopAdmin = await createStaffUser(t, 'coop_admin', { cooperativeId });
    owner = await registerUser(t, 'artisan', 'Ni Made Tenun');
    stranger = await registerUser(t, 'artisan', 'Other Artisan');
    sellerId = await insertSeller(t, owner.user.id, 'Tenun Ikat Sidemen', { regency: 'karangasem', cooperativeId });
  });
  afterAll(() => t.close());

  it('serves the category tree with bilingual names and HS heading hints', async () => {
    const response = await t.http().get('/api/v1/categories');
    expect(response.status).toBe(200);
    const textiles = response.body.find((c: { slug: string }) => c.slug === 'tekstil');
    expect(textiles.name).toEqual({ id: 'Kain tenun dan batik', en: 'Woven textiles and batik' });
    expect(textiles.children.map((c: { slug: string }) => c.slug)).toEqual(['endek', 'songket', 'gringsing', 'batik']);
    expect(response.body.find((c: { slug: string }) => c.slug === 'kopi').hsHeadings).toContain('0901');
  });

  it('creates, shows, edits and archives a product with variants; drafts stay private', async () => {
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send(
        product({
          status: 'draft',
          variants: [
            { sku: 'ENDEK-M', options: { Ukuran: 'M' }, stock: 3 },
            { sku: 'ENDEK-L', options: { Ukuran: 'L' }, price: { amount: 17500000, currency: 'IDR' }, stock: 2 },
          ],
        }),
      );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ sellerId, status: 'draft', stock: 5, hsCode: '520842', price: { amount: 15000000, currency: 'IDR' } });
    expect(created.body.description.id).toBe('<p>Ditenun di <strong>Sidemen</strong>.</p>');
    expect(created.body.variants).toEqual([
      expect.objectContaining({ sku: 'ENDEK-M', options: { Ukuran: 'M' }, stock: 3 }),
      expect.objectContaining({ sku: 'ENDEK-L', price: { amount: 17500000, currency: 'IDR' }, stock: 2 }),
    ]);

    // A draft is invisible to the public and to other artisans, in the item and the list.
    expect((await t.http().get(`/api/v1/products/${id}`)).status).toBe(404);
    expect((await t.http().get(`/api/v1/products/${id}`).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http().get(`/api/v1/products/${id}`).set(bearer(owner.token))).status).toBe(200);
    expect((await t.http().get(`/api/v1/sellers/${sellerId}/products`)).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const mine = await t.http().get(`/api/v1/sellers/${sellerId}/products?status=draft`).set(bearer(owner.token));
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(id);

    // The cooperative's admin manages its members' products; another artisan may not.
    const byCoop = await t
      .http()
      .patch(`/api/v1/products/${id}`)
      .set(bearer(coopAdmin.token))
      .send({ status: 'active', price: { amount: 16000000, currency: 'IDR' } });
    expect(byCoop.status).toBe(200);
    expect(byCoop.body).toMatchObject({ status: 'active', price: { amount: 16000000, currency: 'IDR' } });
    expect((await t.http().patch(`/api/v1/products/${id}`).set(bearer(stranger.token)).send({ stock: 1 })).status).toBe(403);
    expect((await t.http().patch(`/api/v1/products/${id}`).send({ stock: 1 })).status).toBe(401);

    const publicView = await t.http().get(`/api/v1/products/${id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.title.en).toBe('Endek cloth, cepuk motif');

    // Replacing the variants keeps the ids of the SKUs that stay, and the ledger follows.
    const mId = created.body.variants[0].id;
    const edited = await t
      .http()
      .patch(`/api/v1/products/${id}`)
      .set(bearer(owner.token))
      .send({ variants: [{ sku: 'ENDEK-M', options: { Ukuran: 'M' }, stock: 7 }] });
    expect(edited.status).toBe(200);
    expect(edited.body.variants).toEqual([expect.objectContaining({ id: mId, stock: 7 })]);
    expect(edited.body.stock).toBe(7);
    const [{ sum }] = await t.db.query(`SELECT sum(delta)::int AS sum FROM stock_ledger WHERE product_id = $1`, [id]);
    expect(sum).toBe(7);
    const count = (await queuedJobs(t, { task: TASKS.searchProduct })).filter((job) => job.payload.productId === id).length;
    expect(count).toBeGreaterThan(0);

    expect((await t.http().delete(`/api/v1/products/${id}`).set(bearer(stranger.token))).status).toBe(403);
    expect((await t.http().delete(`/api/v1/products/${id}`).set(bearer(owner.token))).status).toBe(204);
    expect((await t.http().get(`/api/v1/products/${id}`)).status).toBe(404);
    expect((await t.http().get(`/api/v1/products/${id}`).set(bearer(owner.token))).body.status).toBe('archived');
  });

  it("hides a suspended seller's products from everyone but the seller", async () => {
    const other = await registerUser(t, 'artisan', 'Suspended Artisan');
    const suspendedId = await insertSeller(t, other.user.id, 'Ukiran Ditangguhkan');
    const created = await t
      .http()
      .post(`/api/v1/sellers/${suspendedId}/products`)
      .set(bearer(other.token))
      .send(product({ categorySlug: 'ukiran-kayu' }));
    expect((await t.http().get(`/api/v1/products/${created.body.id}`)).status).toBe(200);
    await t.db.query(`UPDATE sellers SET suspended_at = now(), suspended_reason = 'test' WHERE id = $1`, [suspendedId]);
    expect((await t.http().get(`/api/v1/products/${created.body.id}`)).status).toBe(404);
    expect((await t.http().get(`/api/v1/products/${created.body.id}`).set(bearer(other.token))).status).toBe(200);
  });

  it('refuses bad input with 422 naming the field', async () => {
    const post = (body: Record<string, unknown>) => t.http().post(`/api/v1/sellers/${sellerId}/products`).set(bearer(owner.token)).send(body);
    const fields = async (body: Record<string, unknown>) => {
      const response = await post(body);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      return response.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await fields(product({ price: { amount: -5, currency: 'IDR' } }))).toContain('price.amount');
    expect(await fields(product({ price: { amount: 1000, currency: 'USD' } }))).toContain('price.currency');
    expect(await fields(product({ stock: -1 }))).toContain('stock');
    expect(await fields(product({ categorySlug: 'weapons' }))).toContain('categorySlug');
    expect(await fields(product({ hsCode: '901' }))).toContain('hsCode');
    expect(await fields(product({ title: { en: 'No Indonesian' } }))).toContain('title.id');
    expect(
      await fields(
        product({
          variants: [
            { sku: 'A', options: { Size: 'S' }, stock: 1 },
            { sku: 'B', options: { Size: 'M' }, stock: -2 },
          ],
        }),
      ),
    ).toContain('variants[1].stock');
    expect(
      await fields(
        product({
          variants: [
            { sku: 'A', options: {}, stock: 1 },
            { sku: 'A', options: {}, stock: 1 },
          ],
        }),
      ),
    ).toContain('variants[1].sku');
    expect(await fields(product({ images: Array.from({ length: 11 }, () => '00000000-0000-4000-8000-000000000000') }))).toContain('images');
    expect(await fields(product({ images: ['00000000-0000-4000-8000-000000000000'] }))).toContain('images[0]');
    const exportListing = {
      moq: 10,
      priceTiers: [
        { minQty: 10, price: { amount: 12000000, currency: 'IDR' } },
        { minQty: 50, price: { amount: 11000000, currency: 'IDR' } },
        { minQty: 100, price: { amount: 11500000, currency: 'IDR' } },
      ],
      leadTimeDays: 30,
      capacityPerMonth: 200,
      incoterms: ['FOB', 'EXW'],
    };
    expect(await fields(product({ export: exportListing }))).toEqual(['export.priceTiers[2].price']);
    expect(await fields(product({ export: { ...exportListing, moq: 0 } }))).toContain('export.moq');
    expect(await fields(product({ export: { ...exportListing, incoterms: ['FOB', 'FREE'] } }))).toContain('export.incoterms');
    expect(await fields(product({ export: { ...exportListing, priceTiers: [{ minQty: 10, price: { amount: 'x' } }] } }))).toEqual(expect.arrayContaining(['export.priceTiers[0].price.amount']));

    const good = await post(product({ hsCode: '090121', export: { ...exportListing, priceTiers: exportListing.priceTiers.slice(0, 2) } }));
    expect(good.status).toBe(201);
    expect(good.body.hsCode).toBe('090121');
    expect(good.body.export).toMatchObject({ moq: 10, incoterms: ['FOB', 'EXW'] });
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/products`).set(bearer(stranger.token)).send(product())).status).toBe(403);
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/products`).send(product())).status).toBe(401);
    expect((await t.http().get('/api/v1/products/not-a-uuid')).status).toBeLessThan(500);
  });

  it('never oversells: 20 concurrent reservations of stock 5 leave exactly 5 winners and stock 0', async () => {
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send(product({ stock: 5 }));
    const id = created.body.id;
    const stock = t.app.get(StockService);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => t.db.transaction((manager) => stock.reserve(manager, [{ productId: id, quantity: 1 }], `order-${i}`))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(15);
    expect(refused[0]!.reason).toMatchObject({ status: 409 });
    expect(refused[0]!.reason.getResponse().detail).toContain('Kain endek motif cepuk');
    const [row] = await t.db.query(`SELECT stock FROM products WHERE id = $1`, [id]);
    expect(row.stock).toBe(0);
    const [{ sum }] = await t.db.query(`SELECT sum(delta)::int AS sum FROM stock_ledger WHERE product_id = $1 AND reason = 'reservation'`, [id]);
    expect(sum).toBe(-5);

    await t.db.transaction((manager) => stock.release(manager, [{ productId: id, quantity: 2 }], 'order-0'));
    expect((await t.http().get(`/api/v1/products/${id}`)).body.stock).toBe(2);
  });

  it('takes parallel stock corrections over HTTP without ever going below zero', async () => {
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send(product({ stock: 5 }));
    const id = created.body.id;
    const responses = await Promise.all(Array.from({ length: 12 }, () => t.http().post(`/api/v1/products/${id}/stock-adjustments`).set(bearer(owner.token)).send({ delta: -1, note: 'rusak' })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(7);
    expect(refused[0]!.body.errors).toEqual([{ field: 'delta', message: 'only 0 on hand' }]);
    expect((await t.http().get(`/api/v1/products/${id}`)).body.stock).toBe(0);

    const added = await t.http().post(`/api/v1/products/${id}/stock-adjustments`).set(bearer(owner.token)).send({ delta: 3 });
    expect(added.body).toEqual({ productId: id, stock: 3 });
    const [{ sum }] = await t.db.query(`SELECT sum(delta)::int AS sum FROM stock_ledger WHERE product_id = $1`, [id]);
    expect(sum).toBe(3);
    expect((await t.http().post(`/api/v1/products/${id}/stock-adjustments`).set(bearer(owner.token)).send({ delta: 0 })).status).toBe(422);
    expect((await t.http().post(`/api/v1/products/${id}/stock-adjustments`).set(bearer(stranger.token)).send({ delta: 1 })).status).toBe(403);

    const withVariants = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send(product({ variants: [{ sku: 'V-1', options: { Warna: 'Merah' }, stock: 1 }] }));
    const noVariant = await t.http().post(`/api/v1/products/${withVariants.body.id}/stock-adjustments`).set(bearer(owner.token)).send({ delta: 1 });
    expect(noVariant.status).toBe(422);
    expect(noVariant.body.errors[0].field).toBe('variantId');
    const variant = await t.http().post(`/api/v1/products/${withVariants.body.id}/stock-adjustments`).set(bearer(owner.token)).send({ delta: 2, variantId: withVariants.body.variants[0].id });
    expect(variant.body).toMatchObject({ stock: 3, variantStock: 3 });
  });
});
