import { EventEmitter } from 'node:events';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { parseCronItems, run, runTaskListOnce, type ParsedCronItem, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainEvents } from '../events/domain-events.js';
import { LOGGER, type Logger } from '../logging/logger.js';
import { cronPattern, graphileLogger, JOB_SCHEMA, jobPool, migrateJobSchema, WORKER_APPLICATION_NAME } from './graphile.js';
import { JOB_HANDLER, SCHEDULED } from './job-handler.decorator.js';
import { declaredJobs, type JobType } from './job-types.js';

/** Jobs run at once by one worker process (they mostly wait on PostgreSQL, Meilisearch, SMTP or Stripe). */
const CONCURRENCY = 8;
/** Parallel runners of `drain()` (tests and the CLI). */
const DRAIN_CONCURRENCY = 4;
/** A failed run of a schedule is tried again soon; the next tick runs it anyway. */
const SCHEDULE_ATTEMPTS = 3;

/**
 * Runs jobs, event subscribers and schedules on graphile-worker: jobs are claimed with SKIP LOCKED
 * by any number of worker processes, woken by LISTEN/NOTIFY, retried with exponential backoff up to
 * their max attempts and then kept as permanently failed (`graphile_worker.jobs` where attempts =
 * max_attempts) for inspection; a crashed worker's jobs are released after 4 hours; each schedule
 * (`@Scheduled`) is a cron item that runs once per tick across all processes.
 *
 * Handlers are found at start (in every process, worker or not): two handlers for one job type, or
 * a declared job type without one, stops the start.
 */
@Injectable()
export class JobWorker implements OnModuleInit, BeforeApplicationShutdown {
  private readonly tasks: TaskList = {};
  private readonly handled = new Set<string>();
  private cronItems: ParsedCronItem[] = [];
  private scheduledNames: string[] = [];
  private discovered = false;
  private runner?: Runner;
  private pool?: pg.Pool;
  private drainPool?: pg.Pool;
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  /** graphile-worker's events (job:start, job:success, job:failed, cron:scheduled, …) of the running worker. */
  readonly events: WorkerEvents = new EventEmitter() as WorkerEvents;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly domainEvents: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.events.on('job:start', () => this.active++);
    this.events.on('job:complete', () => {
      this.active--;
      if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  /** graphile-worker's schema is migrated here, so any process may queue jobs once the app is up. */
  async onModuleInit(): Promise<void> {
    this.discover();
    await migrateJobSchema(this.databaseUrl(), this.logger);
  }

  /** Finds every @JobHandler, @Scheduled and @OnEvent method; two handlers for one type, or a declared type without one, is a startup error. */
  discover(): void {
    if (this.discovered) return;
    // Event subscribers first: an event type nobody subscribes to is named before anything else.
    const subscriberTasks = this.domainEvents.tasks();
    for (const task of Object.keys(this.tasks)) delete this.tasks[task];
    this.handled.clear();
    const schedules: Array<{ name: string; everyMs: number }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isAlias) continue;
      const prototype = Object.getPrototypeOf(instance);
      if (!prototype || prototype === Object.prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (...args: unknown[]) => Promise<unknown>;
        const job = this.reflector.get<JobType<object> | undefined>(JOB_HANDLER, method);
        if (job) {
          if (this.handled.has(job.name)) throw new Error(`Two handlers for job type ${job.name}`);
          this.handled.add(job.name);
          this.tasks[job.name] = async (payload) => {
            await method.call(instance, payload);
          };
        }
        const everyMs = this.reflector.get<number | undefined>(SCHEDULED, method);
        if (everyMs) {
          const scheduled = `${prototype.constructor.name}.${name}`;
          const task = `cron:${scheduled}`;
          if (this.tasks[task]) throw new Error(`Two schedules named ${scheduled}`);
          this.tasks[task] = async () => {
            await method.call(instance);
          };
          schedules.push({ name: scheduled, everyMs });
        }
      }
    }
    const unhandled = declaredJobs().filter((job) => !this.handled.has(job.name));
    if (unhandled.length) throw new Error(`No handler for job type${unhandled.length > 1 ? 's' : ''} ${unhandled.map((j) => j.name).join(', ')}: add a @JobHandler`);
    for (const [task, run] of subscriberTasks) {
      if (this.tasks[task]) throw new Error(`Task ${task} is both a job and an event subscriber`);
      this.tasks[task] = async (payload) => {
        await run(payload as object);
      };
    }
    this.cronItems = parseCronItems(
      schedules.map(({ name, everyMs }) => ({
        task: `cron:${name}`,
        identifier: name,
        match: cronPattern(everyMs, name),
        // One queued run per schedule at most (a long outage makes up one run, not a pile), and a
        // tick missed while no worker ran is made up at the next start, up to one period back.
        options: { backfillPeriod: everyMs, maxAttempts: SCHEDULE_ATTEMPTS, jobKey: `cron:${name}`, jobKeyMode: 'replace' },
      })),
    );
    this.scheduledNames = schedules.map((s) => s.name).sort();
    this.discovered = true;
  }

  /** Whether this process's worker runs. */
  get running(): boolean {
    return this.runner !== undefined;
  }

  /** Task names this process runs (typed jobs, event subscribers, schedules). */
  handledTypes(): string[] {
    this.discover();
    return Object.keys(this.tasks).sort();
  }

  private databaseUrl(): string {
    if (!this.config.databaseUrl) throw new Error('DATABASE_URL is not resolved');
    return this.config.databaseUrl;
  }

  private options() {
    return { schema: JOB_SCHEMA, logger: graphileLogger(this.logger), noHandleSignals: true, events: this.events };
  }

  /** Starts the worker (the web process by default, apps/worker in production); several may run against one database. */
  async start(options: { pollMs?: number; concurrency?: number } = {}): Promise<void> {
    if (this.runner) return;
    this.discover();
    this.pool = jobPool(this.databaseUrl(), (options.concurrency ?? CONCURRENCY) + 2, WORKER_APPLICATION_NAME);
    const unknown: Array<{ task_identifier: string }> = await this.pool
      .query(`SELECT DISTINCT task_identifier FROM ${JOB_SCHEMA}.jobs WHERE attempts < max_attempts AND NOT (task_identifier = ANY($1))`, [Object.keys(this.tasks)])
      .then((r) => r.rows);
    for (const { task_identifier: type } of unknown) this.logger.warn({ type }, 'queued jobs of a type no handler takes');
    this.runner = await run({
      ...this.options(),
      pgPool: this.pool,
      taskList: this.tasks,
      parsedCronItems: this.cronItems,
      concurrency: options.concurrency ?? CONCURRENCY,
      pollInterval: options.pollMs ?? 2000,
    });
    this.logger.info({ tasks: Object.keys(this.tasks).length, scheduled: this.scheduledNames }, 'worker started');
  }

  /** Waits until the jobs this process's worker is running are done. */
  private idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Runs every job that is ready now, and those they queue, until none is ready (tests, the CLI).
   * Jobs due later (a retry's backoff, a future run_at) stay queued.
   */
  async drain(maxRounds = 100): Promise<void> {
    this.discover();
    this.drainPool ??= jobPool(this.databaseUrl(), DRAIN_CONCURRENCY);
    for (let round = 0; round < maxRounds; round++) {
      await this.idle();
      const clients = await Promise.all(Array.from({ length: DRAIN_CONCURRENCY }, () => this.drainPool!.connect()));
      try {
        await Promise.all(clients.map((client) => runTaskListOnce(this.options(), this.tasks, client).promise));
      } finally {
        clients.forEach((client) => client.release());
      }
      await this.idle();
      const [{ ready }] = (
        await this.drainPool.query(`SELECT count(*)::int AS ready FROM ${JOB_SCHEMA}.jobs WHERE run_at <= now() AND attempts < max_attempts AND locked_at IS NULL AND task_identifier = ANY($1)`, [
          Object.keys(this.tasks),
        ])
      ).rows;
      if (ready === 0) return;
    }
  }

  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop().catch((err: unknown) => this.logger.error({ err }, 'worker stop failed'));
    const pools = [this.pool, this.drainPool];
    this.pool = this.drainPool = undefined;
    await Promise.all(pools.map((pool) => pool?.end().catch(() => undefined)));
  }

  /** Before any onApplicationShutdown: TypeORM closes the database there, and a job still running would find it gone. */
  async beforeApplicationShutdown() {
    await this.stop();
  }
}
