import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DbNotifications } from '#libs/platform';
import { StorefrontDataRepository, type StorefrontStamp } from './storefront-data.repository.js';

const MAX_ENTRIES = 10_000;

/**
 * The change stamp of each storefront, kept in memory while `pk_storefront` notices report every
 * change to what the page shows (sent by StorefrontChangeNotices inside the transaction that
 * records the domain event of the change): a cached page is then served without reading a
 * table, and `DbNotifications.sync()` (one round trip on the listening connection, shared by
 * concurrent requests) makes a suspension, publish or product change show on the next request. While the
 * notices cannot be heard, every request asks the database, as it must.
 */
@Injectable()
export class StorefrontStamps implements OnApplicationBootstrap {
  private readonly bySlug = new Map<string, StorefrontStamp>();
  /** Bumped by every notice: a stamp read before one arrived is not kept. */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly data: StorefrontDataRepository,
    private readonly notifications: DbNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.subscribe('pk_storefront', {
      onMessage: (sellerId) => this.forget(sellerId),
      onState: (listening) => {
        this.listening = listening;
        this.generation++;
        this.bySlug.clear();
      },
    });
  }

  async bySlugOf(slug: string): Promise<StorefrontStamp | null> {
    const key = slug.toLowerCase();
    // A change committed before this request may still be on its way as a notice: wait for it
    // (one shared round trip), so a publish or a suspension shows on the very next request.
    if (this.listening && this.bySlug.has(key) && (await this.notifications.sync())) {
      const known = this.bySlug.get(key);
      if (known) return known;
    }
    const generation = this.generation;
    const stamp = await this.data.stampBySlug(key);
    if (stamp && this.listening && generation === this.generation) {
      if (this.bySlug.size >= MAX_ENTRIES) this.bySlug.delete(this.bySlug.keys().next().value!);
      this.bySlug.set(key, stamp);
    }
    return stamp;
  }

  private forget(sellerId: string): void {
    this.generation++;
    for (const [slug, stamp] of this.bySlug) if (stamp.sellerId === sellerId) this.bySlug.delete(slug);
  }
}
