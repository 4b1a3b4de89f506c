import type { DbNotifications } from './db-notifications.js';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values read from the database, kept in this process while `pg_notify(channel)` says nothing of
 * them changed: a notice with a key forgets that key, one without forgets everything. `get` first
 * waits until every notice committed before the call has arrived (`DbNotifications.sync()`), so a
 * change committed before a request is never hidden by what was kept; while notices cannot be
 * heard nothing is kept and every `get` reads afresh. Bounded: past `maxEntries` the oldest goes.
 */
export class NoticedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every notice: a value read before one arrived is not kept. */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly notifications: DbNotifications,
    private readonly channel: string,
    private readonly options: { maxEntries: number; ttlMs?: number },
  ) {}

  /** Starts hearing the channel (at application bootstrap: the listening connection is opened then). */
  async start(): Promise<void> {
    await this.notifications.subscribe(this.channel, {
      onMessage: (key) => {
        this.generation++;
        if (key) this.entries.delete(key);
        else this.entries.clear();
      },
      onState: (listening) => {
        this.listening = listening;
        this.generation++;
        this.entries.clear();
      },
    });
  }

  /** The kept value of `key`, else `load()`'s, kept unless a notice arrived while it was read (undefined, a miss, is never kept). */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (this.listening && this.entries.has(key) && (await this.notifications.sync())) {
      const entry = this.entries.get(key);
      if (entry && entry.expiresAt > Date.now()) return entry.value;
    }
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expiresAt: Date.now() + (this.options.ttlMs ?? Infinity) });
    }
    return value;
  }
}
