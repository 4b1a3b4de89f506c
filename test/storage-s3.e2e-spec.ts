import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import S3rver from 's3rver';
import sharp from 'sharp';
import { ReviewPhotoCleanup } from '../libs/reviews/src/reviews/review-photo-cleanup.service.js';
import { freePort, loadConfig } from '#libs/platform';
import { addToCart, checkout, createSeller, tokenFor } from './support/commerce.js';
import { bearer, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const BUCKET = 'pk-uploads';
const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#0f766e' } })
    .jpeg()
    .toBuffer();

/** An S3-compatible server of this file's own (s3rver), its bucket made at start, and AWS's client pointed at it. */
async function startS3() {
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'pk-s3-')), configureBuckets: [{ name: BUCKET, configs: [] }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const env = { STORAGE_S3_ENDPOINT: endpoint, STORAGE_S3_BUCKET: BUCKET, STORAGE_S3_ACCESS_KEY_ID: 'S3RVER', STORAGE_S3_SECRET_ACCESS_KEY: 'S3RVER', STORAGE_S3_REGION: 'us-east-1' };
  const keys = async (prefix: string) => ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map((object) => object.Key).sort();
  return { server, client, endpoint, env, keys };
}

describe('uploads in S3-compatible object storage', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let t: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    s3 = await startS3();
    dataDir = mkdtempSync(join(tmpdir(), 'pk-data-'));
    t = await createTestApp({ env: { ...s3.env, DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.server.close();
  });

  it('resizes an upload to WebP widths in the bucket, none on local disk, and serves it through the app', async () => {
    const seller = await createSeller(t, 'Ukiran Mas S3');
    const uploaded = await t
      .http()
      .post(`/api/v1/sellers/${seller.sellerId}/media`)
      .set(bearer(seller.owner.token))
      .attach('file', await photo(1500, 1000), 'ukiran.jpg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.widths).toEqual([320, 640, 1280]);
    const id = uploaded.body.id as string;

    expect(await s3.keys(id)).toEqual([`${id}-1280.webp`, `${id}-320.webp`, `${id}-640.webp`]);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${id}-640.webp` }));
    expect(head.ContentType).toBe('image/webp');
    expect(existsSync(join(dataDir, 'uploads'))).toBe(false);

    const product = await seller.product({ images: [id] });
    const page = await t.http().get(`/products/${product.id}`);
    expect(page.text).toContain(`/media/${id}/640.webp`);

    const served = await t.http().get(`/media/${id}/640.webp`).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toContain('immutable');
    const meta = await sharp(served.body as Buffer).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', width: 640, height: 427 });
  });

  it('refuses a file that is not an image and leaves nothing in the bucket', async () => {
    const seller = await createSeller(t, 'Ukiran Palsu S3');
    const before = await s3.keys('');
    const refused = await t.http().post(`/api/v1/sellers/${seller.sellerId}/media`).set(bearer(seller.owner.token)).attach('file', Buffer.from('not an image at all'), 'x.jpg');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('file');
    expect(await s3.keys('')).toEqual(before);
  });

  it('deletes abandoned review photos from the bucket in the orphan cleanup, and the app then answers 404', async () => {
    const seller = await createSeller(t, 'Tenun S3');
    const product = await seller.product();
    const buyer = await registerUser(t, 'buyer', 'Komang');
    expect((await addToCart(t, buyer.token, product.id, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token);
    const orderId = placed.body.orders[0].id as string;
    for (const to of ['paid', 'processing', 'shipped', 'delivered', 'completed']) {
      const body = to === 'shipped' ? { to, trackingNumber: `JNE${randomBytes(4).toString('hex')}` } : { to };
      const token = await tokenFor(t, to, { buyer: buyer.token, seller: seller.owner.token });
      expect((await t.http().post(`/api/v1/orders/${orderId}/transitions`).set(bearer(token)).send(body)).status).toBe(200);
    }

    const uploaded = await t
      .http()
      .post('/api/v1/review-photos')
      .set(bearer(buyer.token))
      .attach('file', await photo(700, 500), 'foto.jpg');
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.id as string;
    expect(await s3.keys(id)).toEqual([`${id}-320.webp`, `${id}-640.webp`]);
    expect((await t.http().get(`/media/${id}/320.webp`)).status).toBe(200);

    // The review was never sent; a day later the hourly cleanup finds the photo unused.
    await t.db.query(`UPDATE media SET created_at = now() - interval '25 hours' WHERE id = $1`, [id]);
    expect(await t.app.get(ReviewPhotoCleanup).removeUnused()).toBe(1);
    expect(await s3.keys(id)).toEqual([]);
    expect((await t.http().get(`/media/${id}/320.webp`)).status).toBe(404);
  });
});

describe('STORAGE_S3_* configuration', () => {
  it('stops the start naming the missing variable when only part of the bucket is configured', () => {
    expect(() => loadConfig({ STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000', STORAGE_S3_BUCKET: BUCKET, STORAGE_S3_ACCESS_KEY_ID: 'minio' })).toThrow(
      'STORAGE_S3_SECRET_ACCESS_KEY must be set with STORAGE_S3_ENDPOINT, STORAGE_S3_BUCKET, STORAGE_S3_ACCESS_KEY_ID (got "")',
    );
    expect(() => loadConfig({ STORAGE_S3_ENDPOINT: 'ftp://x', STORAGE_S3_BUCKET: BUCKET, STORAGE_S3_ACCESS_KEY_ID: 'a', STORAGE_S3_SECRET_ACCESS_KEY: 'b' })).toThrow(
      /^STORAGE_S3_ENDPOINT must be a URL/,
    );
    expect(() => loadConfig({ STORAGE_S3_ENDPOINT: 'http://x', STORAGE_S3_BUCKET: 'Bad_Bucket', STORAGE_S3_ACCESS_KEY_ID: 'a', STORAGE_S3_SECRET_ACCESS_KEY: 'b' })).toThrow(
      /^STORAGE_S3_BUCKET must be a bucket name/,
    );
    expect(loadConfig({}).storageS3).toBeUndefined();
  });
});

describe('uploads in a bucket with a public URL', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startS3();
    t = await createTestApp({ env: { ...s3.env, STORAGE_S3_PUBLIC_URL: `${s3.endpoint}/${BUCKET}` } });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.server.close();
  });

  it('redirects image requests to the bucket, which serves the rendition, and lets pages load images from there', async () => {
    const seller = await createSeller(t, 'Perak Publik S3');
    const uploaded = await t
      .http()
      .post(`/api/v1/sellers/${seller.sellerId}/media`)
      .set(bearer(seller.owner.token))
      .attach('file', await photo(400, 300), 'perak.jpg');
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.id as string;

    const served = await t.http().get(`/media/${id}/320.webp`);
    expect(served.status).toBe(302);
    expect(served.headers.location).toBe(`${s3.endpoint}/${BUCKET}/${id}-320.webp`);
    const direct = await fetch(served.headers.location!);
    expect(direct.status).toBe(200);
    expect((await sharp(Buffer.from(await direct.arrayBuffer())).metadata()).width).toBe(320);

    const home = await t.http().get('/');
    expect(home.headers['content-security-policy']).toMatch(new RegExp(`img-src 'self' data: ${s3.endpoint.replace(/[.:/]/g, '\\$&')}`));
  });
});
