import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { JobQueue } from '#libs/platform';
import { REPUTATION_SCORES_JOB, ReputationScoresJob, SellerReputationScores } from '#libs/reviews';
import { SearchSync } from '#libs/search';
import { addToCart, checkout, createSeller, tokenFor, type Session } from './support/commerce.js';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';
import { jobs as queuedJobs, retryNow, TASKS } from './support/jobs.js';

// Meilisearch applies writes in the background; on a busy machine a task can take seconds.
jest.setTimeout(180_000);

/** The same product twice, from two sellers: only reputation can tell them apart. */
const TWIN = {
  title: { id: 'Tas anyaman Tenganan', en: 'Tenganan woven bag' },
  description: { id: 'Dianyam tangan dari daun lontar.', en: 'Hand woven from lontar palm leaves.' },
  categorySlug: 'anyaman-bambu',
  materials: ['daun'],
};
const COMPLETED = ['paid', 'processing', 'shipped', 'delivered', 'completed'];

describe('reputation in catalogue ranking', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createSeller>>;
  let b: Awaited<ReturnType<typeof createSeller>>;
  let twinA: string;
  let twinB: string;
  let fanA: string;
  let buyer: Session;
  let reviewOfB: string;

  const scores = () => t.app.get(SellerReputationScores);
  /** Ids of the hits for "lontar": it matches the twins' descriptions and the title of A's fan. */
  const ranked = async () => {
    const response = await t.http().get('/api/v1/catalogue').query({ q: 'lontar' });
    expect(response.status).toBe(200);
    return (response.body.hits as Array<{ id: string }>).map((hit) => hit.id);
  };

  /** Runs queued jobs; a search write that failed on a slow machine is retried at once instead of after its backoff. */
  const settle = async () => {
    for (let round = 0; round < 5; round++) {
      await t.drainJobs();
      if ((await queuedJobs(t, { state: 'retrying' })).length === 0) return;
      await retryNow(t);
    }
  };

  /** A completed order of one product by `buyer`, reviewed with five stars; returns the review's id. */
  const fiveStars = async (seller: typeof a, productId: string) => {
    expect((await addToCart(t, buyer.token, productId, 1)).status).toBe(201);
    const placed = await checkout(t, buyer.token);
    expect(placed.status).toBe(201);
    const orderId = placed.body.orders[0].id as string;
    for (const to of COMPLETED) {
      const token = await tokenFor(t, to, { buyer: buyer.token, seller: seller.owner.token });
      const moved = await t
        .http()
        .post(`/api/v1/orders/${orderId}/transitions`)
        .set(bearer(token))
        .send({ to, ...(to === 'shipped' ? { trackingNumber: 'JNE0001' } : {}) });
      expect(moved.status).toBe(200);
    }
    const order = await t.http().get(`/api/v1/orders/${orderId}`).set(bearer(buyer.token));
    const review = await t.http().post(`/api/v1/order-lines/${order.body.lines[0].id}/review`).set(bearer(buyer.token)).send({ rating: 5, text: 'Rapi dan kuat' });
    expect(review.status).toBe(201);
    return review.body.id as string;
  };

  const storedScores = async () => {
    const rows: Array<{ seller_id: string; score: number; updated_at: Date }> = await t.db.query(`SELECT seller_id, score, updated_at FROM seller_reputation_scores WHERE seller_id = ANY($1)`, [
      [a.sellerId, b.sellerId],
    ]);
    return new Map(rows.map((row) => [row.seller_id, row]));
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    a = await createSeller(t, 'Toko Satu');
    b = await createSeller(t, 'Toko Dua');
    twinA = (await a.product({ ...TWIN, stock: 20 })).id;
    twinB = (await b.product({ ...TWIN, stock: 20 })).id;
    fanA = (await a.product({ title: { id: 'Kipas lontar', en: 'Lontar fan' }, description: { id: 'Buatan tangan.' }, categorySlug: 'anyaman-bambu', stock: 20 })).id;
    buyer = await registerUser(t, 'buyer', 'Wayan Pembeli');
    await settle();
  });
  afterAll(() => t.close());

  const queuedScoreJobs = async (dedupeKey: string) => {
    return (await queuedJobs(t, { task: REPUTATION_SCORES_JOB })).filter((job) => job.key === dedupeKey).length;
  };

  it('breaks ties between equally relevant products by the seller’s reputation, never above relevance', async () => {
    // Before any reputation, nobody has a score row and the twins tie completely.
    expect(await scores().refreshAll()).toEqual([]);
    expect((await storedScores()).size).toBe(0);

    // A review queues a recompute of its seller, which queues search.seller for B only.
    reviewOfB = await fiveStars(b, twinB);
    expect(await queuedScoreJobs(`${REPUTATION_SCORES_JOB}:${b.sellerId}`)).toBe(1);
    await settle();
    const stored = await storedScores();
    expect(stored.has(a.sellerId)).toBe(false);
    expect(stored.get(b.sellerId)!.score).toBeCloseTo(0.5, 5);

    // The title match of A's fan outranks B's better reputation; among the twins B now leads.
    expect(await ranked()).toEqual([fanA, twinB, twinA]);

    // Nothing changed, nothing is written: updated_at stays and no search job is queued.
    expect(await scores().refreshAll()).toEqual([]);
    expect((await storedScores()).get(b.sellerId)!.updated_at).toEqual(stored.get(b.sellerId)!.updated_at);
    const searchJobs = await queuedJobs(t, { task: TASKS.searchSeller });
    expect(searchJobs.length).toBe(0);
  });

  it('flips the order when reputation changes, and reconcile repairs a missed change', async () => {
    // A earns five stars; a curator hides B's review, so B's rating is gone.
    await fiveStars(a, twinA);
    const curator = await createStaffUser(t, 'curator', { regency: 'gianyar' });
    const hidden = await t.http().post(`/api/v1/curation/reviews/${reviewOfB}/decision`).set(bearer(curator.token)).send({ decision: 'hide', reason: 'Ulasan palsu' });
    expect(hidden.status).toBe(200);
    await settle();
    const stored = await storedScores();
    expect(stored.get(a.sellerId)!.score).toBeCloseTo(0.5, 5);
    expect(stored.get(b.sellerId)!.score).toBe(0);
    expect(await ranked()).toEqual([fanA, twinA, twinB]);

    // A score changes but its search.seller job is lost: the index still ranks by the old score…
    await t.db.query(`UPDATE seller_reputation_scores SET score = 1, updated_at = now() WHERE seller_id = $1`, [b.sellerId]);
    expect(await ranked()).toEqual([fanA, twinA, twinB]);
    // …until reconcile sees the newer document version and rebuilds B's product.
    const report = await t.app.get(SearchSync).reconcile();
    expect(report.repaired).toBe(1);
    expect(await ranked()).toEqual([fanA, twinB, twinA]);
  });

  it('recomputes one seller from a queued job, and every seller from the hourly run', async () => {
    await t.db.query(`UPDATE seller_reputation_scores SET score = 0.9 WHERE seller_id = ANY($1)`, [[a.sellerId, b.sellerId]]);
    await t.app.get(JobQueue).enqueue(ReputationScoresJob, { sellerId: a.sellerId });
    await t.app.get(JobQueue).enqueue(ReputationScoresJob, { sellerId: 'not-a-uuid' });
    await settle();
    let stored = await storedScores();
    expect(stored.get(a.sellerId)!.score).toBeCloseTo(0.5, 5);
    expect(stored.get(b.sellerId)!.score).toBeCloseTo(0.9, 5);

    // Several workers each run the schedule; the dedupe key leaves one queued run.
    await scores().scheduled();
    await scores().scheduled();
    expect(await queuedScoreJobs(REPUTATION_SCORES_JOB)).toBe(1);
    await settle();
    stored = await storedScores();
    expect(stored.get(b.sellerId)!.score).toBe(0);
    const failed = await queuedJobs(t, { task: REPUTATION_SCORES_JOB, state: 'any' });
    expect(failed.length).toBe(0);
    expect(await ranked()).toEqual([fanA, twinA, twinB]);
  });
});
