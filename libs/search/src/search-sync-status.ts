import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProductChanged } from '#libs/catalogue';
import { DomainEvents, JobStats, MeiliService, Metrics, Readiness } from '#libs/platform';
import { SellerChanged } from '#libs/sellers';
import { ProductIndex } from './product-index.service.js';
import { EnsureIndexJob, SearchSync } from './search-sync.service.js';

/** How far the index is behind the database, for readiness (caught up with the start) and metrics (sync lag). */
@Injectable()
export class SearchSyncStatus implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly jobs: JobStats,
    private readonly meili: MeiliService,
    private readonly index: ProductIndex,
    private readonly readiness: Readiness,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.readiness.register('search', (upTo) => this.caughtUp(upTo));
    this.metrics.gauge('pk_search_sync_lag_seconds', 'Seconds the oldest change still waiting for the search index has waited (0 when caught up)', [], async () => {
      const { oldest } = await this.jobs.waiting(this.tasks());
      return [{ value: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0 }];
    });
    this.metrics.gauge('pk_search_sync_waiting', 'Changes waiting for the search index', [], async () => [{ value: (await this.jobs.waiting(this.tasks())).count }]);
  }

  /** The queue's tasks that write the index: SearchSync's event subscribers and the index creation. */
  private tasks(): string[] {
    const subscribers = [...this.events.subscriberTasks(ProductChanged), ...this.events.subscriberTasks(SellerChanged)];
    return [EnsureIndexJob.name, ...subscribers.filter((task) => task.includes(`:${SearchSync.name}.`))];
  }

  private async caughtUp(upTo: string): Promise<string | null> {
    if (!(await this.meili.isHealthy())) return 'Meilisearch is not reachable';
    await this.index.ensureOnce();
    const { count } = await this.jobs.waiting(this.tasks(), upTo);
    return count === 0 ? null : `${count} change${count === 1 ? '' : 's'} from before the start not yet indexed`;
  }
}
