import { Injectable } from '@nestjs/common';
import type { CatalogueResult } from './catalogue-search.service.js';

/** Long enough to absorb a burst of the same popular search, short enough to be invisible to a buyer. */
const TTL_MS = 1000;
const MAX_ENTRIES = 2000;

/**
 * A micro-cache of catalogue answers. Popular searches are answered from memory for up to
 * a second, and identical searches arriving together share one Meilisearch query. This
 * process's index writes clear it at once (see ProductIndex), so the embedded default
 * (worker in the web process) is exact; a separate worker adds at most `TTL_MS` of delay.
 * Failures are never kept: the next request asks Meilisearch again.
 */
@Injectable()
export class SearchResultCache {
  private readonly entries = new Map<string, { at: number; value: Promise<CatalogueResult> }>();

  get(key: string, load: () => Promise<CatalogueResult>): Promise<CatalogueResult> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < TTL_MS) return cached.value;
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
