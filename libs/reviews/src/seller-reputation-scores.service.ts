import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DemoSeeder, JobHandler, JobQueue, LOGGER, Scheduled, type Logger } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Reputation } from './reputation.service.js';

export const REPUTATION_SCORES_JOB = 'reviews.reputation-scores';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHUNK = 500;

/** Queues a recompute of one seller's score in the caller's transaction (a review written, hidden or restored). */
export function reputationChanged(jobs: JobQueue, manager: EntityManager, sellerId: string): Promise<void> {
  return jobs.enqueue(REPUTATION_SCORES_JOB, { sellerId }, { manager, dedupeKey: `${REPUTATION_SCORES_JOB}:${sellerId}` });
}

/**
 * Keeps `seller_reputation_scores` in step with `Reputation.scores` and tells search about
 * every seller whose score moved, so ranking uses reputation to break ties between equally
 * relevant hits. The 90-day window slides, so scores also change with no new event: an
 * hourly run catches that.
 */
@Injectable()
export class SellerReputationScores {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reputation: Reputation,
    private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Queued rather than run here, so several workers share one run (the dedupe key). */
  @Scheduled(60 * 60 * 1000)
  async scheduled(): Promise<void> {
    await this.jobs.enqueue(REPUTATION_SCORES_JOB, {}, { dedupeKey: REPUTATION_SCORES_JOB });
  }

  /** After the demo reviews (80), so the demo catalogue ranks by reputation at once rather than after an hour. */
  @DemoSeeder(90)
  async seedDemo(): Promise<void> {
    await this.refreshAll();
  }

  /** `{ sellerId }` recomputes that seller; `{}` every seller. */
  @JobHandler(REPUTATION_SCORES_JOB)
  async onJob(payload: Record<string, unknown>): Promise<void> {
    if (payload.sellerId === undefined) {
      await this.refreshAll();
      return;
    }
    const sellerId = String(payload.sellerId);
    if (!UUID.test(sellerId)) return this.logger.warn({ payload }, `${REPUTATION_SCORES_JOB} without a valid sellerId; ignored`);
    await this.refresh([sellerId]);
  }

  /** Recomputes every seller's score in chunks; returns the ids whose score changed. */
  async refreshAll(now = new Date()): Promise<string[]> {
    const changed: string[] = [];
    for (let after: string | null = null; ; ) {
      const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM sellers WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [after, CHUNK]);
      if (rows.length === 0) return changed;
      changed.push(...(await this.refresh(rows.map((row) => row.id), now)));
      after = rows.at(-1)!.id;
    }
  }

  /**
   * Stores the scores of `sellerIds` that changed (a seller without a row scores 0, so a 0 adds
   * no row) and queues `search.seller` for each in the same transaction.
   */
  async refresh(sellerIds: string[], now = new Date()): Promise<string[]> {
    const scores = await this.reputation.scores(sellerIds, now);
    const ids = [...scores.keys()];
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ seller_id: string }> = await manager.query(
        `INSERT INTO seller_reputation_scores (seller_id, score)
         SELECT i.seller_id, i.score
         FROM unnest($1::uuid[], $2::real[]) AS i(seller_id, score)
         JOIN sellers s ON s.id = i.seller_id
         LEFT JOIN seller_reputation_scores r ON r.seller_id = i.seller_id
         WHERE CASE WHEN r.seller_id IS NULL THEN i.score <> 0 ELSE r.score <> i.score END
         ON CONFLICT (seller_id) DO UPDATE SET score = excluded.score, updated_at = now()
           WHERE seller_reputation_scores.score <> excluded.score
         RETURNING seller_id`,
        [ids, ids.map((id) => scores.get(id)!)],
      );
      const changed = rows.map((row) => row.seller_id);
      await this.jobs.enqueueMany('search.seller', changed.map((id) => ({ sellerId: id })), { manager, dedupeKeys: changed.map((id) => `search.seller:${id}`) });
      return changed;
    });
  }
}
