import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderStatusChanged } from '#libs/commerce';
import { DbNotifications, NoticedCache, OnEventInTransaction } from '#libs/platform';
import { ReviewChanged } from '../reviews.events.js';
import { ReviewFacts } from './review-facts.repository.js';

const CHANNEL = 'pk_review_prompt';

/**
 * Which order line a product page asks a signed-in buyer to review, from memory: each buyer's
 * unreviewed completed lines are read once, and forgotten by every web process when an order
 * completes (or leaves completed) or a review changes (a `pk_review_prompt` notice sent in that
 * transaction), so a signed-in product page reads no table.
 */
@Injectable()
export class ReviewPrompts implements OnApplicationBootstrap {
  private readonly lines: NoticedCache<Map<string, string>>;

  constructor(
    private readonly facts: ReviewFacts,
    notifications: DbNotifications,
  ) {
    this.lines = new NoticedCache(notifications, CHANNEL, { maxEntries: 20_000 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.lines.start();
  }

  /** The buyer's newest completed line of the product with no review yet. */
  async line(buyerId: string, productId: string): Promise<string | undefined> {
    return (await this.lines.get(buyerId, () => this.facts.unreviewedLines(buyerId)))?.get(productId);
  }

  @OnEventInTransaction(OrderStatusChanged)
  async orderMoved(events: Array<{ from: string; to: string }>, manager: EntityManager): Promise<void> {
    if (events.some((e) => e.to === 'completed' || e.from === 'completed')) await this.forget(manager);
  }

  @OnEventInTransaction(ReviewChanged)
  async reviewChanged(_events: unknown[], manager: EntityManager): Promise<void> {
    await this.forget(manager);
  }

  /** Every buyer's lines at once: completions and reviews are rare next to page views. */
  private async forget(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
  }
}
