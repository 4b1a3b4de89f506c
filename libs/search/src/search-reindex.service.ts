import { Injectable } from '@nestjs/common';
import type { EnqueuedTaskPromise } from 'meilisearch';
import { ProductDocuments } from './product-documents.repository.js';
import { ProductIndex } from './product-index.service.js';
import { SearchSync } from './search-sync.service.js';

const BATCH = 2000;

/**
 * Rebuilds the products index with no downtime: a new index gets the settings, then the
 * documents in batches, then is swapped with the live one; changes made meanwhile are
 * caught by a reconcile right after the swap.
 */
@Injectable()
export class SearchReindex {
  constructor(
    private readonly documents: ProductDocuments,
    private readonly index: ProductIndex,
    private readonly sync: SearchSync,
  ) {}

  async run(progress: { start(total: number): void; increment(by: number): void } = { start() {}, increment() {} }): Promise<{ indexed: number }> {
    const uid = `${this.index.name}_rebuild_${Date.now()}`;
    await this.index.ensure(uid);
    try {
      progress.start(await this.documents.count());
      let indexed = 0;
      let inFlight: EnqueuedTaskPromise[] = [];
      for (let after: string | null = null; ;) {
        const ids = await this.documents.idsAfter(after, BATCH);
        if (ids.length === 0) break;
        const docs = await this.documents.load(ids);
        inFlight.push(this.index.index(uid).addDocuments(docs, { primaryKey: 'id' }));
        // A few batches queued ahead keep Meilisearch busy without holding everything in memory.
        if (inFlight.length >= 4) await waitAll(inFlight.splice(0, 2));
        indexed += docs.length;
        progress.increment(ids.length);
        after = ids[ids.length - 1]!;
      }
      await waitAll(inFlight);
      inFlight = [];
      await this.index.swapIn(uid);
      await this.sync.reconcile();
      return { indexed };
    } catch (error) {
      await this.index.drop(uid).catch(() => undefined);
      throw error;
    }
  }
}

async function waitAll(tasks: EnqueuedTaskPromise[]): Promise<void> {
  for (const task of tasks) {
    const done = await task.waitTask({ timeout: 300_000, interval: 50 });
    if (done.status !== 'succeeded') throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
  }
}
