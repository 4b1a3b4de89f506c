import { Injectable } from '@nestjs/common';
import { MeiliService } from '#libs/platform';
import { MeilisearchApiError, type EnqueuedTaskPromise, type Index } from 'meilisearch';
import type { ProductDocument } from './product-document.js';
import { SearchResultCache } from './search-result-cache.js';
import { PRODUCT_INDEX_SETTINGS } from './search-settings.js';

/** How long a write may wait for Meilisearch to apply it before the job retries. */
const TASK_TIMEOUT_MS = 120_000;

/** The Meilisearch side of the products index: creation with settings, writes that wait for their task, swaps. */
@Injectable()
export class ProductIndex {
  /** The live index name (queries read it). */
  readonly name: string;
  private ready?: Promise<void>;

  constructor(
    private readonly meili: MeiliService,
    private readonly answers: SearchResultCache,
  ) {
    this.name = meili.indexName('products');
  }

  index(uid = this.name): Index<ProductDocument> {
    return this.meili.client.index<ProductDocument>(uid);
  }

  /** Creates the index if missing and applies the settings (idempotent); documents come only after this. */
  async ensure(uid = this.name): Promise<void> {
    const exists = await this.meili.client.getIndex(uid).then(
      () => true,
      (error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
        throw error;
      },
    );
    if (!exists) await wait(this.meili.client.createIndex(uid, { primaryKey: 'id' }), ['index_already_exists']);
    await wait(this.index(uid).updateSettings(PRODUCT_INDEX_SETTINGS));
  }

  /** `ensure()` once per process for the live index; tried again after a failure. */
  ensureOnce(): Promise<void> {
    this.ready ??= this.ensure().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** Adds or replaces `documents` and deletes `deleteIds`, resolving when Meilisearch has applied both. */
  async write(documents: ProductDocument[], deleteIds: string[], uid = this.name): Promise<void> {
    if (uid === this.name) await this.ensureOnce();
    const tasks: EnqueuedTaskPromise[] = [];
    if (documents.length) tasks.push(this.index(uid).addDocuments(documents, { primaryKey: 'id' }));
    if (deleteIds.length) tasks.push(this.index(uid).deleteDocuments(deleteIds));
    await Promise.all(tasks.map((task) => wait(task)));
    if (uid === this.name) await this.answers.indexChanged();
  }

  /** id → version of every document in the live index. */
  async versions(): Promise<Map<string, number>> {
    await this.ensureOnce();
    const versions = new Map<string, number>();
    const limit = 10_000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.index().getDocuments<Pick<ProductDocument, 'id' | 'version'>>({ fields: ['id', 'version'], limit, offset });
      for (const doc of page.results) versions.set(doc.id, doc.version);
      if (page.results.length < limit) return versions;
    }
  }

  /** Puts `uid`'s contents live in one atomic step, then drops the old contents. */
  async swapIn(uid: string): Promise<void> {
    await this.ensureOnce();
    await wait(this.meili.client.swapIndexes([{ indexes: [this.name, uid], rename: false }]));
    await this.answers.indexChanged();
    await wait(this.meili.client.deleteIndex(uid));
  }

  async drop(uid: string): Promise<void> {
    await this.meili.client.deleteIndexIfExists(uid);
  }
}

/** Waits for a Meilisearch task and throws when it failed (so the job retries), unless its error code is expected. */
async function wait(enqueued: EnqueuedTaskPromise, allowedErrors: string[] = []): Promise<void> {
  const task = await enqueued.waitTask({ timeout: TASK_TIMEOUT_MS, interval: 25 });
  if (task.status === 'succeeded' || (task.error && allowedErrors.includes(task.error.code))) return;
  throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no detail'}`);
}
