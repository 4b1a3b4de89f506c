import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DbNotifications, LOGGER, publicPagesChanged, type Logger } from '#libs/platform';
import type { CatalogueResult } from './catalogue-search.service.js';

/** While every index write is heard of, an answer may live long: the write clears it. */
const TTL_HEARD_MS = 60_000;
/** While notices cannot be heard, a second absorbs a burst and stays invisible to a buyer. */
const TTL_DEAF_MS = 1000;
const MAX_ENTRIES = 2000;
const CHANNEL = 'pk_search';

/**
 * A cache of catalogue answers: popular searches are answered from memory, and identical
 * searches arriving together share one Meilisearch query. Every write to the live index, in
 * any process (web, worker, CLI), clears it in every process (`pg_notify('pk_search')`), so
 * an answer is never older than the index. Failures are never kept: the next request asks
 * Meilisearch again.
 */
@Injectable()
export class SearchResultCache implements OnApplicationBootstrap {
  private readonly entries = new Map<string, { at: number; value: Promise<CatalogueResult> }>();
  private heard = false;

  constructor(
    private readonly notifications: DbNotifications,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.subscribe(CHANNEL, {
      onMessage: () => this.entries.clear(),
      onState: (listening) => {
        this.heard = listening;
        this.entries.clear();
      },
    });
  }

  get(key: string, load: () => Promise<CatalogueResult>): Promise<CatalogueResult> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < (this.heard ? TTL_HEARD_MS : TTL_DEAF_MS)) return cached.value;
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

  /** The live index changed: forget here at once, and tell every other process (and the stored search pages, PublicPages). */
  async indexChanged(): Promise<void> {
    this.entries.clear();
    await this.dataSource
      .transaction(async (manager) => {
        await manager.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
        await publicPagesChanged(manager, '/search');
      })
      .catch((err: unknown) => this.logger.warn({ err }, 'could not tell other processes the search index changed'));
  }
}
