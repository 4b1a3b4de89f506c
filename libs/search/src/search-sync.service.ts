import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ProductChanged } from '#libs/catalogue';
import { defineJob, JobHandler, JobQueue, LOGGER, MeiliService, OnEvent, Scheduled, type Logger } from '#libs/platform';
import { SellerChanged } from '#libs/sellers';
import { ProductDocuments } from './product-documents.repository.js';
import { ProductIndex } from './product-index.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHUNK = 1000;
/** Jobs claimed together by the worker are pushed to Meilisearch as one write. */
const COALESCE_MS = 5;
/** `search.ensure-index` `{}`: create the index and its settings (queued at start when Meilisearch was down). */
export const EnsureIndexJob = defineJob<Record<string, never>>('search.ensure-index');

export interface ReconcileReport {
  checked: number;
  repaired: number;
  removed: number;
}

/**
 * Subscribes to `ProductChanged` and `SellerChanged` (one job per event, written in the change's
 * transaction) and relays them to the index; repairs drift on a schedule. A failure throws, so the
 * job retries with backoff: Meilisearch being down delays changes but loses none.
 */
@Injectable()
export class SearchSync implements OnApplicationBootstrap {
  private batch?: { ids: Set<string>; done: Promise<void> };
  /** Writes from this process go one after another, so an older read never lands after a newer one. */
  private lastWrite: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly documents: ProductDocuments,
    private readonly index: ProductIndex,
    private readonly meili: MeiliService,
    private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Creates the index and its settings at start; when Meilisearch is down the start goes on and a job retries. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      if (!(await this.meili.isHealthy(1000))) throw new Error('Meilisearch is not reachable');
      await this.index.ensureOnce();
    } catch (err) {
      this.logger.warn({ err }, 'search index not ready; will retry in the background');
      await this.jobs.enqueue(EnsureIndexJob, {}, { dedupeKey: EnsureIndexJob.name }).catch((error: unknown) => this.logger.error({ err: error }, 'could not queue search.ensure-index'));
    }
  }

  @JobHandler(EnsureIndexJob)
  async ensureIndex(): Promise<void> {
    await this.index.ensureOnce();
  }

  @OnEvent(ProductChanged)
  async onProductChanged(payload: { productId: string }): Promise<void> {
    const id = String(payload.productId ?? '');
    if (!UUID.test(id)) return this.logger.warn({ payload }, 'ProductChanged without a valid productId; ignored');
    await this.sync([id]);
  }

  @OnEvent(SellerChanged)
  async onSellerChanged(payload: { sellerId: string }): Promise<void> {
    const id = String(payload.sellerId ?? '');
    if (!UUID.test(id)) return this.logger.warn({ payload }, 'SellerChanged without a valid sellerId; ignored');
    const ids = await this.documents.idsOfSeller(id);
    for (let i = 0; i < ids.length; i += CHUNK) await this.syncNow(ids.slice(i, i + CHUNK));
  }

  /** Every 10 minutes: repair whatever drifted (a lost write, a document removed by hand). */
  @Scheduled(10 * 60_000)
  async scheduledReconcile(): Promise<void> {
    if (!(await this.meili.isHealthy())) return;
    const report = await this.reconcile();
    if (report.repaired || report.removed) this.logger.warn(report, 'search index drifted from the database; repaired');
  }

  /** Brings the index in line with the database for these products (added, replaced or deleted), batching concurrent calls. */
  sync(ids: string[]): Promise<void> {
    if (!this.batch) {
      const pending = new Set<string>();
      const done = new Promise((resolveLater) => setTimeout(resolveLater, COALESCE_MS)).then(() => {
        this.batch = undefined;
        return this.syncNow([...pending]);
      });
      this.batch = { ids: pending, done };
    }
    for (const id of ids) this.batch.ids.add(id);
    return this.batch.done;
  }

  private syncNow(ids: string[]): Promise<void> {
    const run = this.lastWrite
      .catch(() => undefined)
      .then(async () => {
        const documents = await this.documents.load(ids);
        const kept = new Set(documents.map((doc) => doc.id));
        await this.index.write(
          documents,
          ids.filter((id) => !kept.has(id)),
        );
      });
    this.lastWrite = run;
    return run;
  }

  /** Compares ids and versions in the database and the index and repairs the difference. */
  async reconcile(): Promise<ReconcileReport> {
    const [wanted, indexed] = await Promise.all([this.documents.versions(), this.index.versions()]);
    const stale = [...wanted].filter(([id, version]) => indexed.get(id) !== version).map(([id]) => id);
    const extra = [...indexed.keys()].filter((id) => !wanted.has(id));
    for (let i = 0; i < stale.length; i += CHUNK) await this.syncNow(stale.slice(i, i + CHUNK));
    if (extra.length) await this.index.write([], extra);
    return { checked: wanted.size, repaired: stale.length, removed: extra.length };
  }
}
