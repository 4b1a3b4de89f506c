import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { LOGGER, type Logger } from '../logging/logger.js';

export interface Subscription {
  /** Called with each notification's payload. */
  onMessage(payload: string): void;
  /**
   * Called when the channel is (again) being heard, and when it is lost: messages sent while
   * nobody listened are gone, so whatever was kept on their strength must be dropped.
   */
  onState?(listening: boolean): void;
}

const RECONNECT_MS = 1000;
/** A round trip slower than this means a half-open socket: the connection is dropped and callers read the database instead. */
const SYNC_TIMEOUT_MS = 2000;

/**
 * PostgreSQL LISTEN/NOTIFY for the whole process over one connection: a lib subscribes to a
 * channel and hears `pg_notify` (from code or triggers) of every process on the database.
 * The connection is opened on the first subscription and re-opened after a loss.
 */
@Injectable()
export class DbNotifications implements OnApplicationShutdown {
  private readonly subscriptions = new Map<string, Subscription[]>();
  private client?: pg.Client;
  private listened = new Set<string>();
  private connecting?: Promise<void>;
  private listening = false;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private inFlight?: Promise<boolean>;
  private next?: Promise<boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether notifications are being heard right now. */
  get isListening(): boolean {
    return this.listening;
  }

  /**
   * Resolves once every notification committed before the call has reached its subscribers:
   * PostgreSQL sends pending notices before it answers the next query on the listening
   * connection. Callers share round trips (one that started before a caller came may predate
   * its change, so it waits for the next), so the cost is at most one query per round trip
   * whatever the request rate. False when notices are not being heard.
   */
  sync(): Promise<boolean> {
    if (!this.client || !this.listening) return Promise.resolve(false);
    if (!this.inFlight) return this.roundTrip();
    this.next ??= this.inFlight.then(() => {
      this.next = undefined;
      return this.roundTrip();
    });
    return this.next;
  }

  private roundTrip(): Promise<boolean> {
    const client = this.client;
    const trip = (async () => {
      if (!client) return false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), SYNC_TIMEOUT_MS);
        timer.unref();
      });
      try {
        const outcome = await Promise.race([client.query('SELECT 1'), timedOut]);
        if (outcome !== 'timeout') return this.listening && this.client === client;
        this.lost(client, new Error(`no answer on the notifications connection within ${SYNC_TIMEOUT_MS} ms`));
        return false;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    })();
    this.inFlight = trip;
    void trip.finally(() => {
      if (this.inFlight === trip) this.inFlight = undefined;
    });
    return trip;
  }

  async subscribe(channel: string, subscription: Subscription): Promise<void> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
    this.subscriptions.set(channel, [...(this.subscriptions.get(channel) ?? []), subscription]);
    if (!this.listening) await this.connect();
    if (!this.listening) return;
    await this.listen(channel);
    subscription.onState?.(true);
  }

  private async listen(channel: string): Promise<void> {
    if (!this.client || this.listened.has(channel)) return;
    this.listened.add(channel);
    await this.client.query(`LISTEN ${channel}`);
  }

  private connect(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      // TCP keepalive, so a peer that vanished without closing (a NAT or failover) is noticed and the connection re-opened.
      const client = new pg.Client({ connectionString: url, application_name: 'pasar-kerthi-listener', keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
      client.on('notification', (message) => {
        for (const subscription of this.subscriptions.get(message.channel) ?? []) subscription.onMessage(message.payload ?? '');
      });
      client.on('error', (err: Error) => this.lost(client, err));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        this.client = client;
        this.listened = new Set();
        for (const channel of this.subscriptions.keys()) await this.listen(channel);
        this.setListening(true);
      } catch (err) {
        this.lost(client, err as Error);
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.listening) this.setListening(false);
    if (this.closed) return;
    if (err) this.logger.warn({ err }, 'database notifications lost; reconnecting');
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }

  private setListening(listening: boolean): void {
    this.listening = listening;
    for (const subscriptions of this.subscriptions.values()) for (const s of subscriptions) s.onState?.(listening);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }
}
