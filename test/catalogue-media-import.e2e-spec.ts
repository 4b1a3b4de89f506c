import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { ImportsService } from '#libs/catalogue';
import { insertSeller } from './support/catalogue-fixtures.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { jobs as queuedJobs } from './support/jobs.js';

type Session = Awaited<ReturnType<typeof registerUser>>;

/** A PNG whose header claims `width` × `height` (only the header: decoders give up long before the pixels). */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

describe('catalogue: images and CSV import', () => {
  let t: TestApp;
  let owner: Session;
  let stranger: Session;
  let sellerId: string;
  let otherSellerId: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    owner = await registerUser(t, 'artisan', 'Kadek Kopi');
    stranger = await registerUser(t, 'artisan', 'Other Artisan');
    sellerId = await insertSeller(t, owner.user.id, 'Kopi Kintamani Kadek', { regency: 'bangli' });
    otherSellerId = await insertSeller(t, stranger.user.id, 'Perak Celuk');
  });
  afterAll(() => t.close());

  const runQueuedImport = async () => {
    // Takes the queued job out of the queue and runs its handler here, as the worker would.
    const [job] = await t.db
      .query(`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks k WHERE k.id = j.task_id AND k.identifier = 'catalogue.import' RETURNING j.payload`)
      .then((r: unknown[]) => r[0] as Array<{ payload: { importId: string } }>);
    expect(job).toBeDefined();
    await t.app.get(ImportsService).handle(job!.payload);
  };

  const upload = (id: string, token: string | undefined, content: Buffer, name: string) => {
    let req = t.http().post(`/api/v1/sellers/${id}/media`);
    if (token) req = req.set(bearer(token));
    return req.attach('file', content, name);
  };

  it('accepts a real image, stores WebP renditions without upscaling and serves them with a long cache', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 154, g: 52, b: 18 } } })
      .png()
      .toBuffer();
    const response = await upload(sellerId, owner.token, png, 'foto produk.png');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ width: 800, height: 600, widths: [320, 640], contentType: 'image/png' });
    expect(response.body.srcset).toContain(`/media/${response.body.id}/320.webp 320w`);

    const served = await t
      .http()
      .get(`/media/${response.body.id}/640.webp`)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toContain('max-age=31536000');
    const meta = await sharp(served.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 640, height: 480 });
    expect((await t.http().get(`/media/${response.body.id}/1280.webp`)).status).toBe(404);

    // Attached to a product it comes back with its srcset; another seller's image is refused.
    const product = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/products`)
      .set(bearer(owner.token))
      .send({
        title: { id: 'Kopi arabika Kintamani 250 g' },
        description: { id: 'Sangrai sedang.' },
        categorySlug: 'kopi',
        price: { amount: 8500000, currency: 'IDR' },
        stock: 10,
        images: [response.body.id],
      });
    expect(product.status).toBe(201);
    expect(product.body.images).toEqual([expect.objectContaining({ id: response.body.id, srcset: response.body.srcset })]);
    const foreign = await upload(otherSellerId, stranger.token, png, 'x.png');
    const refused = await t
      .http()
      .patch(`/api/v1/products/${product.body.id}`)
      .set(bearer(owner.token))
      .send({ images: [response.body.id, foreign.body.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'images[1]', message: "is not one of this seller's uploaded images" }]);
  });

  it('refuses what is not a plain JPEG, PNG or WebP image, naming the field', async () => {
    const script = await upload(sellerId, owner.token, Buffer.from('<script>alert(document.cookie)</script>'), 'photo.jpg');
    expect(script.status).toBe(422);
    expect(script.body.errors[0].field).toBe('file');
    const text = await upload(sellerId, owner.token, Buffer.from('just some text, honestly a jpeg'), 'photo.jpg');
    expect(text.status).toBe(422);
    expect(text.body.errors[0]).toEqual({ field: 'file', message: 'must be a JPEG, PNG or WebP image' });
    const huge = await upload(sellerId, owner.token, pngHeaderOnly(20000, 20000), 'huge.png');
    expect(huge.status).toBe(422);
    expect(huge.body.errors[0]).toEqual({ field: 'file', message: 'must be at most 40 megapixels' });
    const gif = await upload(
      sellerId,
      owner.token,
      await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
        .gif()
        .toBuffer(),
      'a.gif',
    );
    expect(gif.status).toBe(422);
    const small = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const polyglot = await upload(sellerId, owner.token, Buffer.concat([small, Buffer.from('<html><script>alert(1)</script></html>')]), 'poly.jpg');
    expect(polyglot.status).toBe(422);
    const missing = await t.http().post(`/api/v1/sellers/${sellerId}/media`).set(bearer(owner.token)).field('note', 'no file');
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('file');

    expect((await upload(sellerId, stranger.token, small, 'a.jpg')).status).toBe(403);
    expect((await upload(sellerId, undefined, small, 'a.jpg')).status).toBe(401);
  });

  it('imports a CSV: handles group variants, bad rows are reported and skipped, good rows kept, re-import updates', async () => {
    const csv = [
      'handle,title_id,title_en,description_id,category,price_idr,stock,sku,option1_name,option1_value,materials,weight_grams,hs_code,status',
      'kopi-kintamani,Kopi Arabika Kintamani,Kintamani Arabica Coffee,<p>Petik merah</p>,kopi,85000,20,KK-250,Berat,250 g,kopi arabika,250,0901.21,active',
      'kopi-kintamani,,,,,150000,10,KK-500,Berat,500 g,,,,',
      'garam-amed,Garam laut Amed,,,garam-laut,35000,abc,,,,,,,',
      'sabun-sereh,Sabun sereh,Lemongrass soap,,sabun-spa,25.000,40,,,,minyak kelapa|sereh,100,3401.11,',
      'keranjang,Keranjang bambu,,,no-such-category,120000,5,,,,,,,',
    ].join('\n');
    const submitted = await t.http().post(`/api/v1/sellers/${sellerId}/imports`).set(bearer(owner.token)).attach('file', Buffer.from(csv), 'katalog.csv');
    expect(submitted.status).toBe(202);
    expect(submitted.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect((await t.http().get(`/api/v1/imports/${submitted.body.id}`).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http().post(`/api/v1/sellers/${sellerId}/imports`).set(bearer(stranger.token)).attach('file', Buffer.from(csv), 'x.csv')).status).toBe(403);

    // The queued job runs as the worker would run it (the pages test drains the real queue;
    // draining here would also index every product of this file in Meilisearch).
    await runQueuedImport();
    const done = await t.http().get(`/api/v1/imports/${submitted.body.id}`).set(bearer(owner.token));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: submitted.body.id, status: 'done', total: 5, processed: 5, created: 2, updated: 0 });
    expect(done.body.errors).toEqual([
      { row: 4, field: 'stock', message: expect.any(String) },
      { row: 6, field: 'category', message: expect.stringContaining('no-such-category') },
    ]);

    const list = await t.http().get(`/api/v1/sellers/${sellerId}/products?perPage=50`);
    const coffee = list.body.items.find((p: { handle: string }) => p.handle === 'kopi-kintamani');
    expect(coffee).toMatchObject({
      title: { id: 'Kopi Arabika Kintamani', en: 'Kintamani Arabica Coffee' },
      price: { amount: 8500000, currency: 'IDR' },
      stock: 30,
      hsCode: '090121',
      weightGrams: 250,
    });
    expect(coffee.variants.map((v: { sku: string; options: object; stock: number }) => [v.sku, v.options, v.stock])).toEqual([
      ['KK-250', { Berat: '250 g' }, 20],
      ['KK-500', { Berat: '500 g' }, 10],
    ]);
    const soap = list.body.items.find((p: { handle: string }) => p.handle === 'sabun-sereh');
    expect(soap).toMatchObject({ price: { amount: 2500000, currency: 'IDR' }, stock: 40, materials: ['minyak kelapa', 'sereh'], variants: [] });

    // The same handles again: updated in place, variants keep their ids.
    const again = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/imports`)
      .set(bearer(owner.token))
      .attach('file', Buffer.from(csv.replace(',20,KK-250', ',25,KK-250')), 'katalog.csv');
    await runQueuedImport();
    const second = await t.http().get(`/api/v1/imports/${again.body.id}`).set(bearer(owner.token));
    expect(second.body).toMatchObject({ status: 'done', created: 0, updated: 2 });
    const updated = await t.http().get(`/api/v1/products/${coffee.id}`);
    expect(updated.body.stock).toBe(35);
    expect(updated.body.variants[0].id).toBe(coffee.variants[0].id);
  });

  it('refuses a file of more than 5,000 rows or too many fields up front, naming the field, and queues nothing', async () => {
    const header = 'handle,title_id,category,price_idr,stock';
    const rows = Array.from({ length: 5001 }, (_, i) => `kopi-${i},Kopi ${i},kopi,85000,1`);
    const queued = async () => (await queuedJobs(t, { task: 'catalogue.import' })).length + (await t.db.query(`SELECT count(*)::int AS n FROM imports`))[0].n;
    const before = await queued();
    const tooMany = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/imports`)
      .set(bearer(owner.token))
      .attach('file', Buffer.from([header, ...rows].join('\n')), 'besar.csv');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ field: 'file', message: expect.stringContaining('at most 5000') }]);
    const tooWide = await t
      .http()
      .post(`/api/v1/sellers/${sellerId}/imports`)
      .set(bearer(owner.token))
      .attach('file', Buffer.from(`${header}\nkopi,Kopi,kopi,85000,1${','.repeat(100)}`), 'lebar.csv');
    expect(tooWide.status).toBe(422);
    expect(tooWide.body.errors[0].field).toBe('file');
    expect(await queued()).toBe(before);
  });

  it('reports an over-long value as a row error naming its column, quickly, and imports the other rows', async () => {
    const csv = [
      'handle,title_id,description_id,category,price_idr,stock',
      `judul-panjang,${'Kopi '.repeat(1000)},,kopi,85000,1`,
      `deskripsi-panjang,Kopi,${'<p>enak</p>'.repeat(2000)},kopi,85000,1`,
      'kopi-pendek,Kopi pendek,,kopi,85000,3',
      `raksasa,Kopi,${'a'.repeat(200_000)},kopi,85000,1`,
    ].join('\n');
    const submitted = await t.http().post(`/api/v1/sellers/${sellerId}/imports`).set(bearer(owner.token)).attach('file', Buffer.from(csv), 'panjang.csv');
    expect(submitted.status).toBe(202);
    const started = performance.now();
    await runQueuedImport();
    expect(performance.now() - started).toBeLessThan(5000);
    const done = await t.http().get(`/api/v1/imports/${submitted.body.id}`).set(bearer(owner.token));
    expect(done.body).toMatchObject({ status: 'done', total: 4, processed: 4, created: 1 });
    expect(done.body.errors).toEqual([
      { row: 2, field: 'title_id', message: 'must be at most 160 characters' },
      { row: 3, field: 'description_id', message: 'must be at most 20000 characters' },
      { row: 5, field: 'description_id', message: expect.stringContaining('not read past this row') },
    ]);
    const [row] = await t.db.query(`SELECT stock FROM products WHERE seller_id = $1 AND handle = 'kopi-pendek'`, [sellerId]);
    expect(row.stock).toBe(3);
  });

  it('imports thousands of rows quickly', async () => {
    const rows = ['handle,title_id,category,price_idr,stock,sku,option1_name,option1_value'];
    for (let i = 0; i < 2000; i++) {
      rows.push(`tas-${i},Tas anyaman ${i},anyaman-rotan,${100000 + i},3,TAS-${i}-S,Ukuran,S`);
      rows.push(`tas-${i},Tas anyaman ${i},anyaman-rotan,${120000 + i},2,TAS-${i}-L,Ukuran,L`);
    }
    const imports = t.app.get(ImportsService);
    const id = await imports.create(sellerId, { buffer: Buffer.from(rows.join('\n')), originalname: 'bulk.csv' }, owner.user.id, false);
    const started = performance.now();
    const result = await imports.run(id);
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ status: 'done', total: 4000, created: 2000, errors: [] });
    const perSecond = 2000 / seconds;
    console.log(`CSV import: 2000 products (4000 rows) in ${seconds.toFixed(2)} s = ${Math.round(perSecond)} products/s`);
    // The target (≥ 570 products/s, about 2,000 on an idle machine) is measured by bench/catalogue-import.bench.js;
    // here, on a machine shared with parallel test files, only a per-row slowdown is caught.
    expect(perSecond).toBeGreaterThan(150);
  });
});
