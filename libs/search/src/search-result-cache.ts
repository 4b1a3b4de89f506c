import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/platform';
import type { CatalogueResult } from './catalogue-search.service.js';

/** When this process applies every index write itself, each write clears the cache, so it may live long. */
const TTL_EXACT_MS = 60_000;
/** With a separate worker this process hears of no write: a second absorbs a burst and stays invisible to a buyer. */
const TTL_BLIND_MS = 1000;
const MAX_ENTRIES = 2000;

/**
 * A cache of catalogue answers: popular searches are answered from memory, and identical
 * searches arriving together share one Meilisearch query. Every write to the live index
 * from this process clears it (see ProductIndex), so with the worker in the web process
 * (the default) an answer is never older than the index; with a separate worker an answer
 * lives one second. Failures are never kept: the next request asks Meilisearch again.
 */
@Injectable()
export class SearchResultCache {
  private readonly entries = new Map<string, { at: number; value: Promise<CatalogueResult> }>();
  private readonly ttl: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttl = config.workerInProcess ? TTL_EXACT_MS : TTL_BLIND_MS;
  }

  get(key: string, load: () => Promise<CatalogueResult>): Promise<CatalogueResult> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttl) return cached.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
