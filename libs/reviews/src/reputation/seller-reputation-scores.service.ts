import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderPaid, OrderStatusChanged } from '#libs/commerce';
import { defineJob, DemoSeeder, DomainEvents, JobHandler, JobQueue, LOGGER, OnEvent, Scheduled, type Logger } from '#libs/platform';
import { SellerChanged } from '#libs/sellers';
import { DataSource, type EntityManager } from 'typeorm';
import { Reputation } from './reputation.service.js';

export const REPUTATION_SCORES_JOB = 'reviews.reputation-scores';
/** `{ sellerId }` recomputes that seller's score; `{}` every seller's (hourly). */
export const ReputationScoresJob = defineJob<{ sellerId?: string }>(REPUTATION_SCORES_JOB);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHUNK = 500;

/** Queues a recompute of one seller's score in the caller's transaction (a review written, hidden or restored). */
export function reputationChanged(jobs: JobQueue, manager: EntityManager, sellerId: string): Promise<void> {
  return jobs.enqueue(ReputationScoresJob, { sellerId }, { manager, dedupeKey: `${REPUTATION_SCORES_JOB}:${sellerId}` });
}

/**
 * Keeps `seller_reputation_scores` in step with `Reputation.scores` and records `SellerChanged`
 * for every seller whose score moved (search re-indexes it), so ranking uses reputation to break
 * ties between equally relevant hits. Reviews, and commerce's `OrderPaid` and `OrderStatusChanged`
 * (paid orders, shipping times and cancellations count), recompute the seller concerned; the 90-day
 * window slides, so scores also change with no new event: an hourly run catches that.
 */
@Injectable()
export class SellerReputationScores {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reputation: Reputation,
    private readonly jobs: JobQueue,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Queued rather than run here, so several workers share one run (the dedupe key). */
  @Scheduled(60 * 60 * 1000)
  async scheduled(): Promise<void> {
    await this.jobs.enqueue(ReputationScoresJob, {}, { dedupeKey: REPUTATION_SCORES_JOB });
  }

  /** After the demo reviews (80), so the demo catalogue ranks by reputation at once rather than after an hour. */
  @DemoSeeder(90)
  async seedDemo(): Promise<void> {
    await this.refreshAll();
  }

  /** `{ sellerId }` recomputes that seller; `{}` every seller. */
  @JobHandler(ReputationScoresJob)
  async onJob(payload: { sellerId?: unknown }): Promise<void> {
    if (payload.sellerId === undefined) {
      await this.refreshAll();
      return;
    }
    const sellerId = String(payload.sellerId);
    if (!UUID.test(sellerId)) return this.logger.warn({ payload }, `${REPUTATION_SCORES_JOB} without a valid sellerId; ignored`);
    await this.refresh([sellerId]);
  }

  /** A paid order counts for its seller at once (coalesced per seller while waiting). */
  @OnEvent(OrderPaid, { key: (e) => e.sellerId })
  async onOrderPaid(event: { sellerId: string }): Promise<void> {
    await this.refresh([event.sellerId]);
  }

  /** Shipping (on time or late), cancelling after payment and refunding move the seller's figures. */
  @OnEvent(OrderStatusChanged)
  async onOrderMoved(event: { sellerId: string; from: string; to: string }): Promise<void> {
    if (event.to === 'shipped' || event.to === 'cancelled' || event.to === 'refunded') await this.refresh([event.sellerId]);
  }

  /** Recomputes every seller's score in chunks; returns the ids whose score changed. */
  async refreshAll(now = new Date()): Promise<string[]> {
    const changed: string[] = [];
    for (let after: string | null = null; ;) {
      const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM sellers_public_v WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [after, CHUNK]);
      if (rows.length === 0) return changed;
      changed.push(
        ...(await this.refresh(
          rows.map((row) => row.id),
          now,
        )),
      );
      after = rows.at(-1)!.id;
    }
  }

  /**
   * Stores the scores of `sellerIds` that changed (a seller without a row scores 0, so a 0 adds
   * no row) and records `SellerChanged` for each in the same transaction.
   */
  async refresh(sellerIds: string[], now = new Date()): Promise<string[]> {
    const scores = await this.reputation.scores(sellerIds, now);
    const ids = [...scores.keys()];
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ seller_id: string }> = await manager.query(
        `INSERT INTO seller_reputation_scores (seller_id, score)
         SELECT i.seller_id, i.score
         FROM unnest($1::uuid[], $2::real[]) AS i(seller_id, score)
         JOIN sellers_public_v s ON s.id = i.seller_id
         LEFT JOIN seller_reputation_scores r ON r.seller_id = i.seller_id
         WHERE CASE WHEN r.seller_id IS NULL THEN i.score <> 0 ELSE r.score <> i.score END
         ON CONFLICT (seller_id) DO UPDATE SET score = excluded.score, updated_at = now()
           WHERE seller_reputation_scores.score <> excluded.score
         RETURNING seller_id`,
        [ids, ids.map((id) => scores.get(id)!)],
      );
      const changed = rows.map((row) => row.seller_id);
      await this.events.record(
        manager,
        SellerChanged,
        changed.map((sellerId) => ({ sellerId })),
      );
      return changed;
    });
  }
}
