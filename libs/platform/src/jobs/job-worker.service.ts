import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DbNotifications } from '../database/db-notifications.js';
import { LOGGER, type Logger } from '../logging/logger.js';
import { JOB_HANDLER, SCHEDULED } from './job-handler.decorator.js';

type Handler = (payload: Record<string, unknown>, job: { id: string; attempts: number; type: string }) => Promise<void>;

interface ClaimedJob {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/**
 * Runs queued jobs: claims a batch with FOR UPDATE SKIP LOCKED (so several workers never
 * take the same job), retries failures with exponential backoff, and runs scheduled tasks.
 * Several worker processes may run against one database.
 */
@Injectable()
export class JobWorker implements BeforeApplicationShutdown {
  private readonly handlers = new Map<string, Handler>();
  private readonly scheduled: Array<{ name: string; everyMs: number; run: () => Promise<void> }> = [];
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly notifications: DbNotifications,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Finds every @JobHandler and @Scheduled method; two handlers for one type is a startup error. */
  discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: unknown[]) => Promise<void>;
        const type = this.reflector.get<string>(JOB_HANDLER, method);
        if (type) {
          if (this.handlers.has(type)) throw new Error(`Two handlers for job type ${type}`);
          this.handlers.set(type, method.bind(instance) as Handler);
        }
        const everyMs = this.reflector.get<number>(SCHEDULED, method);
        if (everyMs) this.scheduled.push({ name: `${prototype.constructor.name}.${name}`, everyMs, run: method.bind(instance) as () => Promise<void> });
      }
    }
  }

  handledTypes(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async start(options: { pollMs?: number; batchSize?: number } = {}): Promise<void> {
    if (this.running) return;
    this.discover();
    const unknown: Array<{ type: string }> = await this.dataSource.query(
      `SELECT DISTINCT type FROM jobs WHERE status = 'queued' AND NOT (type = ANY($1))`,
      [this.handledTypes()],
    );
    for (const { type } of unknown) this.logger.warn({ type }, 'queued jobs of a type no handler takes');
    this.running = true;
    const pollMs = options.pollMs ?? 500;
    const batchSize = options.batchSize ?? 20;
    await this.listen();
    this.loop = this.run(pollMs, batchSize);
    for (const task of this.scheduled) {
      const timer = setInterval(() => this.track(task.run().catch((err) => this.logger.error({ err, task: task.name }, 'scheduled task failed'))), task.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
    this.logger.info({ handlers: this.handledTypes(), scheduled: this.scheduled.map((s) => s.name) }, 'worker started');
  }

  /** LISTEN on the queue's channel so a committed job starts at once rather than at the next poll. */
  private async listen() {
    await this.notifications.subscribe('pk_jobs', { onMessage: () => this.poke() });
  }

  /** Wakes the loop now (used after enqueue in the same process, and by tests). */
  poke(): void {
    this.wake?.();
  }

  /** Processes ready jobs until none is left; for tests and the CLI. */
  async drain(maxRounds = 100): Promise<void> {
    if (this.handlers.size === 0) this.discover();
    for (let round = 0; round < maxRounds; round++) {
      if ((await this.runBatch(50)) === 0) return;
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  private async run(pollMs: number, batchSize: number) {
    while (this.running) {
      let count = 0;
      try {
        count = await this.track(this.runBatch(batchSize));
      } catch (err) {
        if (this.running) this.logger.error({ err }, 'job batch failed');
      }
      if (count === 0 && this.running) {
        await new Promise<void>((resolveWait) => {
          const timer = setTimeout(resolveWait, pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolveWait();
          };
        });
      }
    }
  }

  private async runBatch(batchSize: number): Promise<number> {
    // Jobs left 'running' by a crashed worker for 10 minutes go back to the queue.
    if (this.handlers.size === 0) return 0;
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    const [jobs]: [ClaimedJob[], number] = await this.dataSource.query(
      `UPDATE jobs SET status = 'running', locked_at = now(), attempts = attempts + 1, updated_at = now()
       WHERE id IN (
         SELECT id FROM jobs
         WHERE (status = 'queued' AND run_at <= now() AND type = ANY($2))
            OR (status = 'running' AND locked_at < now() - interval '10 minutes')
         ORDER BY run_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, type, payload, attempts, max_attempts`,
      [batchSize, this.handledTypes()],
    );
    await Promise.all(jobs.map((job) => this.runOne(job)));
    return jobs.length;
  }

  private async runOne(job: ClaimedJob) {
    const handler = this.handlers.get(job.type);
    try {
      if (!handler) throw new Error(`no handler for ${job.type}`);
      await handler(job.payload, { id: job.id, attempts: job.attempts, type: job.type });
      await this.dataSource.query(`UPDATE jobs SET status = 'done', locked_at = NULL, last_error = NULL, updated_at = now() WHERE id = $1`, [job.id]);
    } catch (err) {
      const final = job.attempts >= job.max_attempts;
      const backoffSeconds = Math.min(2 ** job.attempts, 300);
      this.logger.warn({ err, jobId: job.id, type: job.type, attempts: job.attempts, final }, 'job failed');
      await this.dataSource.query(
        `UPDATE jobs SET status = $2, locked_at = NULL, last_error = $3, run_at = now() + make_interval(secs => $4), updated_at = now() WHERE id = $1`,
        [job.id, final ? 'failed' : 'queued', String((err as Error)?.message ?? err).slice(0, 2000), backoffSeconds],
      ).catch(async (error) => {
        // A queued twin with the same dedupe key exists: this retry is covered by it.
        if ((error as { code?: string }).code === '23505') {
          await this.dataSource.query(`UPDATE jobs SET status = 'done', locked_at = NULL WHERE id = $1`, [job.id]);
        } else throw error;
      });
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.timers.forEach(clearInterval);
    this.timers = [];
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Before any onApplicationShutdown: TypeORM closes the database there, and a job still running would find it gone. */
  async beforeApplicationShutdown() {
    await this.stop();
  }
}
