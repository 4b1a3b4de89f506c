import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import supertest from 'supertest';
import { ReviewPhotoCleanup } from '../libs/reviews/src/reviews/review-photo-cleanup.service.js';
import { addToCart, checkout, createSeller, tokenFor, type Session } from './support/commerce.js';
import { elementsOf, executable } from './support/html.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

const XSS = '<script>alert(1)</script>Anyaman <img src=x onerror=alert(2)>rapi <a href="javascript:alert(3)">sekali</a>';

const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
const png = (width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: '#b45309' } })
    .png()
    .toBuffer();

describe('reviews on product pages and storefronts, and review photos', () => {
  let t: TestApp;
  let seller: Awaited<ReturnType<typeof createSeller>>;
  let slug: string;
  let basket: { id: string };
  let sarong: { id: string };
  const buyers: Session[] = [];
  /** Completed order lines, by buyer index. */
  const lines: string[] = [];
  const reviewIds: string[] = [];

  const move = async (token: string, orderId: string, to: string) => {
    const body = to === 'shipped' ? { to, trackingNumber: `JNE${randomBytes(4).toString('hex')}` } : { to };
    expect((await t.http().post(`/api/v1/orders/${orderId}/transitions`).set(bearer(token)).send(body)).status).toBe(200);
  };
  const completedLine = async (buyer: Session, productId: string) => {
    expect((await addToCart(t, buyer.token, productId, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token);
    expect(placed.status).toBe(201);
    const orderId = placed.body.orders[0].id as string;
    for (const to of ['paid', 'processing', 'shipped', 'delivered', 'completed']) await move(await tokenFor(t, to, { buyer: buyer.token, seller: seller.owner.token }), orderId, to);
    return (await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token))).body.lines[0].id as string;
  };
  const review = (who: number, body: Record<string, unknown>) => t.http().post(`/api/v1/order-lines/${lines[who]}/review`).set(bearer(buyers[who]!.token)).send(body);
  const productPage = (id: string, token?: string) => (token ? t.http().get(`/products/${id}?lang=en`).set(bearer(token)) : t.http().get(`/products/${id}?lang=en`));
  const storefront = () => t.http().get(`/s/${slug}?lang=en`);
  const uploadPhoto = (token: string, file: Buffer, name = 'foto.png') => t.http().post('/api/v1/review-photos').set(bearer(token)).attach('file', file, name);

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    seller = await createSeller(t, 'Anyaman Tenganan');
    [{ slug }] = await t.db.query(`SELECT slug FROM sellers WHERE id = $1`, [seller.sellerId]);
    basket = await seller.product({ stock: 20 });
    sarong = await seller.product({ stock: 20, title: { id: 'Kain gringsing', en: 'Gringsing cloth' } });
    for (const name of ['Putu', 'Emma', 'Kadek', 'Wayan']) buyers.push(await registerUser(t, 'buyer', name));
    lines.push(await completedLine(buyers[0]!, basket.id), await completedLine(buyers[1]!, basket.id), await completedLine(buyers[2]!, sarong.id), await completedLine(buyers[3]!, sarong.id));
    expect((await t.http().post(`/api/v1/sellers/${seller.sellerId}/storefront/publish`).set(bearer(seller.owner.token))).status).toBe(200);
  });
  afterAll(() => t.close());

  it('shows the average, count and newest reviews on the product page, with aggregateRating in its JSON-LD', async () => {
    const before = await productPage(basket.id, buyers[0]!.token);
    expect(before.status).toBe(200);
    expect(before.text).toContain('No reviews yet');
    expect(before.text).toContain(`href="/order-lines/${lines[0]}/review"`);
    expect(jsonLd(before.text)[0].aggregateRating).toBeUndefined();
    // The storefront is rendered and cached before any review exists.
    expect((await storefront()).text).not.toContain('class="sf-rating"');

    expect((await review(0, { rating: 5, text: XSS })).status).toBe(201);
    const second = await review(1, { rating: 2, text: 'Took long to arrive, but well made', language: 'en' });
    expect(second.status).toBe(201);
    reviewIds.push(second.body.id);

    const after = await productPage(basket.id, buyers[0]!.token);
    expect(after.text).toContain('3.5 out of 5 · 2 reviews');
    expect(after.text).toContain('Took long to arrive, but well made');
    expect(after.text).toContain('Anyaman rapi sekali');
    expect(after.text).toContain(`href="/products/${basket.id}/reviews"`);
    expect(after.text).not.toContain(`href="/order-lines/${lines[0]}/review"`);
    expect(executable(after.text)).toEqual([]);
    expect(jsonLd(after.text)[0]).toMatchObject({ '@type': 'Product', aggregateRating: { '@type': 'AggregateRating', ratingValue: 3.5, reviewCount: 2, bestRating: 5 } });
    // Newest first: the English review was written last.
    expect(after.text.indexOf('Took long to arrive')).toBeLessThan(after.text.indexOf('Anyaman rapi sekali'));
  });

  it('shows the seller rating on the storefront, refreshed by every new, hidden or restored review', async () => {
    const rated = await storefront();
    expect(rated.status).toBe(200);
    expect(rated.text).toContain('3.5 out of 5 · 2 reviews');
    expect(rated.text).toContain(`href="/sellers/${seller.sellerId}/reviews"`);
    expect(executable(rated.text)).toEqual([]);

    expect((await review(2, { rating: 4, text: 'Kainnya indah' })).status).toBe(201);
    expect((await storefront()).text).toContain('3.67 out of 5 · 3 reviews');

    const curator = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const decide = (decision: string) => t.http().post(`/api/v1/curation/reviews/${reviewIds[0]}/decision`).set(bearer(curator.token)).send({ decision, reason: 'Pemeriksaan' });
    expect((await decide('hide')).status).toBe(200);
    const hiddenPage = await productPage(basket.id);
    expect(hiddenPage.text).not.toContain('Took long to arrive');
    expect(hiddenPage.text).toContain('5 out of 5 · 1 reviews');
    expect(jsonLd(hiddenPage.text)[0].aggregateRating).toMatchObject({ ratingValue: 5, reviewCount: 1 });
    expect((await storefront()).text).toContain('4.5 out of 5 · 2 reviews');
    const sellerReviews = await t.http().get(`/sellers/${seller.sellerId}/reviews?lang=en`);
    expect(sellerReviews.status).toBe(200);
    expect(sellerReviews.text).not.toContain('Took long to arrive');

    expect((await decide('restore')).status).toBe(200);
    expect((await productPage(basket.id)).text).toContain('Took long to arrive');
    expect((await storefront()).text).toContain('3.67 out of 5 · 3 reviews');
  });

  it('renders review text inert on the reviews page and the seller reviews page', async () => {
    const reviewsPage = await t.http().get(`/products/${basket.id}/reviews`);
    const sellerPage = await t.http().get(`/sellers/${seller.sellerId}/reviews`);
    for (const page of [reviewsPage, sellerPage]) {
      expect(page.status).toBe(200);
      expect(page.text).toContain('Anyaman rapi sekali');
      expect(executable(page.text)).toEqual([]);
      expect(page.text).not.toMatch(/<script>alert|onerror|javascript:/);
    }
    expect(sellerPage.text).toContain(`href="/products/${sarong.id}"`);
    expect([400, 422]).toContain((await t.http().get('/sellers/not-a-uuid/reviews')).status);
    expect((await t.http().get('/sellers/00000000-0000-4000-8000-000000000000/reviews')).status).toBe(404);
  });

  it('takes up to four photos the buyer uploaded, checked like product images, and shows them', async () => {
    const image = await png();
    expect((await t.http().post('/api/v1/review-photos').attach('file', image, 'a.png')).status).toBe(401);
    const missing = await t.http().post('/api/v1/review-photos').set(bearer(buyers[3]!.token)).field('note', 'x');
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('file');
    for (const bad of [Buffer.concat([image, Buffer.from('<script>alert(1)</script>')]), Buffer.from('<html><body onload=alert(1)></body></html>'), Buffer.from('just some text, not an image')]) {
      const refused = await uploadPhoto(buyers[3]!.token, bad, 'x.png');
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('file');
    }

    const uploaded = await uploadPhoto(buyers[3]!.token, image);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ id: expect.any(String), url: `/media/${uploaded.body.id}/640.webp`, srcset: expect.stringContaining('320w') });
    const second = await uploadPhoto(buyers[3]!.token, await png(400, 400));
    // Only someone with a completed order line awaiting a review may upload (buyers[0] has reviewed theirs).
    expect((await uploadPhoto(buyers[0]!.token, image)).status).toBe(403);
    const other = await registerUser(t, 'buyer', 'Ketut');
    await completedLine(other, sarong.id);
    const strangers = await uploadPhoto(other.token, image);
    expect(strangers.status).toBe(201);

    const byOther = await review(3, { rating: 5, text: 'Bagus', photoIds: [uploaded.body.id, strangers.body.id] });
    expect(byOther.status).toBe(422);
    expect(byOther.body.errors[0].field).toBe('photoIds');
    const five = await review(3, { rating: 5, text: 'Bagus', photoIds: [0, 1, 2, 3, 4].map(() => randomUUID()) });
    expect(five.status).toBe(422);
    expect(five.body.errors[0].field).toBe('photoIds');
    expect((await review(3, { rating: 5, text: 'Bagus', photoIds: ['not-a-uuid'] })).body.errors[0].field).toBe('photoIds');

    const created = await review(3, { rating: 5, text: 'Warnanya persis seperti di foto', photoIds: [second.body.id, uploaded.body.id] });
    expect(created.status).toBe(201);
    const list = (await t.http().get(`/api/v1/products/${sarong.id}/reviews`)).body;
    const withPhotos = list.items.find((item: { id: string }) => item.id === created.body.id);
    expect(withPhotos.photos).toEqual([
      { url: `/media/${second.body.id}/320.webp`, srcset: expect.stringContaining(`/media/${second.body.id}/320.webp 320w`), width: 400, height: 400 },
      { url: uploaded.body.url, srcset: uploaded.body.srcset, width: 800, height: 600 },
    ]);
    expect(list.items.find((item: { id: string }) => item.id !== created.body.id).photos).toBeUndefined();
    const served = await t.http().get(uploaded.body.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toContain('image/webp');

    const page = await t.http().get(`/products/${sarong.id}/reviews?lang=en`);
    const photos = elementsOf(page.text).filter((el) => el.name === 'img' && el.attribs.src?.startsWith('/media/'));
    expect(photos.map((img) => img.attribs.src)).toEqual([`/media/${second.body.id}/320.webp`, uploaded.body.url]);
    for (const img of photos) expect(img.attribs).toMatchObject({ loading: 'lazy', srcset: expect.stringContaining('w'), alt: expect.stringContaining('photo') });
    expect((await productPage(sarong.id)).text).toContain(`srcset="${uploaded.body.srcset}"`);
  });

  it('removes photos of reviews never sent after a day, keeping those a review shows', async () => {
    const buyer = await registerUser(t, 'buyer', 'Gede');
    await completedLine(buyer, sarong.id);
    const abandoned = (await uploadPhoto(buyer.token, await png(320, 320))).body;
    const fresh = (await uploadPhoto(buyer.token, await png(320, 320))).body;
    await t.db.query(`UPDATE media SET created_at = now() - interval '25 hours' WHERE uploaded_by IS NOT NULL AND id <> $1`, [fresh.id]);
    // This one and the other buyer's photo refused on someone else's review earlier.
    expect(await t.app.get(ReviewPhotoCleanup).removeUnused()).toBe(2);
    expect((await t.http().get(abandoned.url)).status).toBe(404);
    expect((await t.http().get(fresh.url)).status).toBe(200);
    const shown = (await t.http().get(`/api/v1/products/${sarong.id}/reviews`)).body.items.flatMap((item: { photos?: Array<{ url: string }> }) => item.photos ?? []);
    expect(shown).toHaveLength(2);
    for (const photo of shown) expect((await t.http().get(photo.url)).status).toBe(200);
  });

  it('documents the photo upload and photoIds in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json')).body;
    expect(doc.paths['/api/v1/review-photos'].post.requestBody.content['multipart/form-data']).toBeDefined();
    expect(doc.components.schemas.CreateReviewDto.properties.photoIds).toMatchObject({ type: 'array', maxItems: 4 });
  });

  it('accepts photos from the review form without JavaScript, refusing what is not an image', async () => {
    const buyer = await registerUser(t, 'buyer', 'Nyoman');
    const lineId = await completedLine(buyer, basket.id);
    const browser = supertest.agent(t.app.getHttpServer());
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const login = await browser.get('/login');
    expect(
      (
        await browser
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(login.text), email: buyer.email, password: buyer.password, next: '/' })
      ).status,
    ).toBe(303);
    const form = await browser.get(`/order-lines/${lineId}/review?lang=en`);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const token = csrfOf(form.text);
    const post = () =>
      browser
        .post(`/order-lines/${lineId}/review?_csrf=${encodeURIComponent(token)}`)
        .field('rating', '4')
        .field('text', 'Rapi dan kuat')
        .field('language', 'id');

    expect((await browser.post(`/order-lines/${lineId}/review`).field('rating', '4').field('text', 'x')).status).toBe(403);
    const refused = await post().attach('photos', Buffer.from('<svg onload=alert(1)>'), 'evil.png');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('each a plain JPEG, PNG or WebP image');
    expect(refused.text).toContain('Rapi dan kuat');
    const tooMany = await post()
      .attach('photos', await png(), 'a.png')
      .attach('photos', await png(), 'b.png')
      .attach('photos', await png(), 'c.png')
      .attach('photos', await png(), 'd.png')
      .attach('photos', await png(), 'e.png');
    expect(tooMany.status).toBe(422);
    // The form comes back with the review as typed and the reason, not an error page.
    expect(tooMany.text).toContain('Choose at most 4 photos');
    expect(tooMany.text).toContain('Rapi dan kuat');
    const tooLarge = await post().attach('photos', Buffer.alloc(9 * 1024 * 1024, 1), 'huge.png');
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.text).toContain('Choose at most 4 photos');

    const sent = await post().attach('photos', await png(640, 480), 'teras.png');
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/products/${basket.id}/reviews?written=1`);
    const mine = (await t.http().get(`/api/v1/products/${basket.id}/reviews`)).body.items.find((item: { text: string }) => item.text === 'Rapi dan kuat');
    expect(mine.photos).toHaveLength(1);
    expect((await t.http().get(`/products/${basket.id}/reviews`)).text).toContain(`src="${mine.photos[0].url}"`);
  });
});
