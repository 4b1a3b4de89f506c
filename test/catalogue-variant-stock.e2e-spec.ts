import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ImportsService, StockService } from '#libs/catalogue';
import { insertSeller } from './support/catalogue-fixtures.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

type Session = Awaited<ReturnType<typeof registerUser>>;
type Variant = { id: string; sku: string; stock: number };

describe('catalogue: a product with variants holds the sum of their stock', () => {
  let t: TestApp;
  let owner: Session;
  let sellerId: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Wayan Perak');
    sellerId = await insertSeller(t, owner.user.id, 'Perak Celuk Wayan');
  });
  afterAll(() => t.close());

  /** The product's stock, its variants' sum, and what its stock ledger adds up to. */
  const stockOf = async (productId: string) => {
    const [row] = await t.db.query(
      `SELECT p.stock,
              (SELECT coalesce(sum(v.stock), 0)::int FROM product_variants v WHERE v.product_id = p.id) AS variants,
              (SELECT coalesce(sum(l.delta), 0)::int FROM stock_ledger l WHERE l.product_id = p.id) AS ledger
       FROM products p WHERE p.id = $1`,
      [productId],
    );
    return row as { stock: number; variants: number; ledger: number };
  };
  const importCsv = async (lines: string[]) => {
    const imports = t.app.get(ImportsService);
    const id = await imports.create(sellerId, { buffer: Buffer.from(lines.join('\n')), originalname: 'katalog.csv' }, owner.user.id, false);
    const result = await imports.run(id);
    expect(result).toMatchObject({ status: 'done', errors: [] });
  };
  const byHandle = async (handle: string) => {
    const [row] = await t.db.query(`SELECT id FROM products WHERE seller_id = $1 AND handle = $2`, [sellerId, handle]);
    return (await t.http().get(`/api/v1/products/${row.id}`).set(bearer(owner.token))).body as { id: string; title: { id: string }; stock: number; variants: Variant[] };
  };

  it('removing a variant through the API leaves the remaining variant’s stock on the product', async () => {
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send({
        title: { id: 'Cincin perak' },
        description: { id: 'Perak 925.' },
        categorySlug: 'perhiasan-perak',
        price: { amount: 25000000, currency: 'IDR' },
        stock: 0,
        status: 'active',
        variants: [
          { sku: 'CIN-7', options: { Ukuran: '7' }, stock: 3 },
          { sku: 'CIN-8', options: { Ukuran: '8' }, stock: 4 },
        ],
      });
    expect(created.status).toBe(201);
    expect(created.body.stock).toBe(7);

    const patched = await t
      .http()
      .patch(`/api/v1/products/${created.body.id}`)
      .set(bearer(owner.token))
      .send({ variants: [{ sku: 'CIN-8', options: { Ukuran: '8' }, stock: 4 }] });
    expect(patched.status).toBe(200);
    const shown = await t.http().get(`/api/v1/products/${created.body.id}`);
    expect(shown.body.stock).toBe(4);
    expect(shown.body.variants.map((v: Variant) => [v.sku, v.stock])).toEqual([['CIN-8', 4]]);
    expect(await stockOf(created.body.id)).toEqual({ stock: 4, variants: 4, ledger: 4 });

    // Every variant removed: the product is simple again, with the stock given.
    await t.http().patch(`/api/v1/products/${created.body.id}`).set(bearer(owner.token)).send({ variants: [], stock: 2 }).expect(200);
    expect(await stockOf(created.body.id)).toEqual({ stock: 2, variants: 0, ledger: 2 });
    // And variants again: the simple stock gives way to theirs, in the ledger too.
    await t
      .http()
      .patch(`/api/v1/products/${created.body.id}`)
      .set(bearer(owner.token))
      .send({ variants: [{ sku: 'CIN-9', options: { Ukuran: '9' }, stock: 5 }] })
      .expect(200);
    expect(await stockOf(created.body.id)).toEqual({ stock: 5, variants: 5, ledger: 5 });
  });

  it('a reservation released after its variant was removed leaves the remaining variants’ sum', async () => {
    const created = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send({
        title: { id: 'Kalung perak' },
        description: { id: 'Perak 925.' },
        categorySlug: 'perhiasan-perak',
        price: { amount: 45000000, currency: 'IDR' },
        stock: 0,
        status: 'active',
        variants: [
          { sku: 'KAL-40', options: { Panjang: '40 cm' }, stock: 3 },
          { sku: 'KAL-45', options: { Panjang: '45 cm' }, stock: 4 },
        ],
      });
    const [short] = created.body.variants as Variant[];
    const stock = t.app.get(StockService);
    const line = { productId: created.body.id as string, variantId: short!.id, quantity: 2 };
    await t.db.transaction((manager) => stock.reserve(manager, [line], 'order-kalung'));
    expect(await stockOf(created.body.id)).toEqual({ stock: 5, variants: 5, ledger: 5 });

    await t
      .http()
      .patch(`/api/v1/products/${created.body.id}`)
      .set(bearer(owner.token))
      .send({ variants: [{ sku: 'KAL-45', options: { Panjang: '45 cm' }, stock: 4 }] })
      .expect(200);
    expect(await stockOf(created.body.id)).toEqual({ stock: 4, variants: 4, ledger: 4 });
    // The order is cancelled: its variant is gone, so nothing comes back.
    await t.db.transaction((manager) => stock.release(manager, [line], 'order-kalung'));
    expect(await stockOf(created.body.id)).toEqual({ stock: 4, variants: 4, ledger: 4 });
  });

  it('imports a product of exactly one variant row with that variant’s stock', async () => {
    await importCsv(['handle,title_id,category,price_idr,stock,sku,option1_name,option1_value', 'gelang,Gelang perak,perhiasan-perak,300000,6,GEL-S,Ukuran,S']);
    const bracelet = await byHandle('gelang');
    expect(bracelet.stock).toBe(6);
    expect(bracelet.variants.map((v) => [v.sku, v.stock])).toEqual([['GEL-S', 6]]);
    expect(await stockOf(bracelet.id)).toEqual({ stock: 6, variants: 6, ledger: 6 });
  });

  it('keeps the sum when one row re-imports a product that has several variants', async () => {
    await importCsv(['handle,title_id,category,price_idr,stock,sku,option1_name,option1_value', 'anting,Anting perak,perhiasan-perak,150000,2,ANT-S,Ukuran,S', 'anting,,,150000,5,ANT-L,Ukuran,L']);
    const earrings = await byHandle('anting');
    expect(await stockOf(earrings.id)).toEqual({ stock: 7, variants: 7, ledger: 7 });

    // One variant row: that variant changes, the one the file does not mention stays.
    await importCsv(['handle,title_id,category,price_idr,stock,sku,option1_name,option1_value', 'anting,Anting perak,perhiasan-perak,150000,1,ANT-S,Ukuran,S']);
    expect(await stockOf(earrings.id)).toEqual({ stock: 6, variants: 6, ledger: 6 });

    // One row without SKU or options changes none of the variants: the stock stays their sum, the other fields change.
    await importCsv(['handle,title_id,category,price_idr,stock', 'anting,Anting perak bulan,perhiasan-perak,150000,9']);
    expect(await stockOf(earrings.id)).toEqual({ stock: 6, variants: 6, ledger: 6 });
    expect((await byHandle('anting')).title).toEqual({ id: 'Anting perak bulan' });
  });
});
