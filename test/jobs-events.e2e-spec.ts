import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { Injectable, Module, type INestApplicationContext, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { createLogger, defineEvent, defineJob, DomainEvents, JobHandler, JobQueue, JobWorker, loadConfig, OnEvent, Scheduled } from '#libs/platform';
import { freshDatabase } from './support/test-app.js';

jest.setTimeout(120_000);

// What this file's apps run besides the real ones. Declared job and event types must have their
// handlers in every app built here (the start checks it), so every app gets these providers.
const FlakyJob = defineJob<{ n: number }>('test.flaky', { maxAttempts: 3 });
const ProbeHappened = defineEvent<{ id: string }>('test.ProbeHappened');

const seen = { flaky: 0, probes: [] as string[], hourly: [] as string[] };

@Injectable()
class FlakyHandler {
  @JobHandler(FlakyJob)
  async run(): Promise<void> {
    seen.flaky++;
    throw new Error('the outside service is down');
  }
}

@Injectable()
class ProbeSubscriber {
  @OnEvent(ProbeHappened)
  async onProbe(event: { id: string }): Promise<void> {
    seen.probes.push(event.id);
  }
}

@Injectable()
class HourlyProbe {
  @Scheduled(60 * 60_000)
  async tick(): Promise<void> {
    seen.hourly.push(new Date().toISOString());
  }
}

@Injectable()
class SecondFlakyHandler {
  @JobHandler(FlakyJob)
  async run(): Promise<void> {}
}

interface Ctx {
  app: INestApplicationContext;
  db: DataSource;
  databaseUrl: string;
}
const opened: INestApplicationContext[] = [];

/** The worker's composition (every lib's services, no HTTP) plus this file's handlers, on a fresh database or on `databaseUrl`. */
async function context(databaseUrl?: string, extra: Provider[] = []): Promise<Ctx> {
  const url = databaseUrl ?? (await freshDatabase());
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: process.env.PK_TEST_DIR,
    DATABASE_URL: url,
    MEILI_HOST: process.env.PK_TEST_MEILI_HOST,
    MEILI_MASTER_KEY: process.env.PK_TEST_MEILI_KEY,
    MEILI_INDEX_PREFIX: `t${randomBytes(4).toString('hex')}_`,
    APP_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  process.env.DB_POOL_SIZE ??= '5';
  @Module({ imports: [WorkerModule.forRoot(config, createLogger(config.logLevel))], providers: [FlakyHandler, ProbeSubscriber, HourlyProbe, ...extra] })
  class TestRoot {}
  const app = await NestFactory.createApplicationContext(TestRoot, { logger: false, abortOnError: false });
  opened.push(app);
  return { app, db: app.get<DataSource>(getDataSourceToken()), databaseUrl: url };
}

/** graphile-worker's row of a job (payload and all), by task name. */
async function rows(ctx: Ctx, task: string) {
  return ctx.db.query(
    `SELECT j.id, j.attempts, j.max_attempts, j.last_error, j.run_at, j.payload, extract(epoch FROM j.run_at - now()) AS due_in
     FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = $1`,
    [task],
  ) as Promise<Array<{ id: string; attempts: number; max_attempts: number; last_error: string | null; payload: Record<string, unknown>; due_in: number }>>;
}

afterAll(async () => {
  for (const app of opened.reverse()) await app.close().catch(() => undefined);
});

describe('jobs on graphile-worker', () => {
  it('retries a job whose handler throws with exponential backoff, then keeps it as failed and runs it no more', async () => {
    const ctx = await context();
    const worker = ctx.app.get(JobWorker);
    await ctx.app.get(JobQueue).enqueue(FlakyJob, { n: 1 });
    const dueNow = () => ctx.db.query(`UPDATE graphile_worker._private_jobs SET run_at = now()`);

    await worker.drain();
    expect(seen.flaky).toBe(1);
    let [job] = await rows(ctx, FlakyJob.name);
    expect(job).toMatchObject({ attempts: 1, max_attempts: 3, last_error: expect.stringContaining('the outside service is down') });
    // exp(1) ≈ 2.7 s later; a drain runs what is due now only.
    expect(Number(job!.due_in)).toBeGreaterThan(1.5);
    expect(Number(job!.due_in)).toBeLessThan(3);
    await worker.drain();
    expect(seen.flaky).toBe(1);

    await dueNow();
    await worker.drain();
    [job] = await rows(ctx, FlakyJob.name);
    expect(seen.flaky).toBe(2);
    // exp(2) ≈ 7.4 s: the wait grows.
    expect(job!.attempts).toBe(2);
    expect(Number(job!.due_in)).toBeGreaterThan(6);
    expect(Number(job!.due_in)).toBeLessThan(8);

    await dueNow();
    await worker.drain();
    expect(seen.flaky).toBe(3);
    // Its attempts are used up: kept for inspection (a dead letter), never taken again.
    const [dead] = await ctx.db.query(`SELECT attempts, max_attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = $1`, [FlakyJob.name]);
    expect(dead).toMatchObject({ attempts: 3, max_attempts: 3, last_error: expect.stringContaining('down') });
    await dueNow();
    await worker.drain();
    expect(seen.flaky).toBe(3);
    expect(await rows(ctx, FlakyJob.name)).toHaveLength(1);
  });

  it('runs a schedule once across two workers on one database, and makes up the run a restart missed', async () => {
    const a = await context();
    const b = await context(a.databaseUrl);
    // The hourly schedule has been known for hours and last ran three hours ago: its run in the last
    // hour was missed (no worker was up), and one period is made up at start, by one worker only.
    await a.db.query(
      `INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution) VALUES ('HourlyProbe.tick', now() - interval '5 hours', now() - interval '3 hours')`,
    );
    const before = seen.hourly.length;
    await Promise.all([a.app.get(JobWorker).start({ pollMs: 100 }), b.app.get(JobWorker).start({ pollMs: 100 })]);
    for (let i = 0; i < 100 && seen.hourly.length === before; i++) await new Promise((r) => setTimeout(r, 100));
    // Time for a second run to show, were there one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.hourly.length - before).toBe(1);
    const [known] = await a.db.query(`SELECT last_execution > now() - interval '1 hour' AS recent FROM graphile_worker._private_known_crontabs WHERE identifier = 'HourlyProbe.tick'`);
    expect(known.recent).toBe(true);
    await Promise.all([a.app.get(JobWorker).stop(), b.app.get(JobWorker).stop()]);
  });
});

describe('domain events', () => {
  it('adds no job for an event recorded in a transaction that rolls back, and one per subscriber when it commits', async () => {
    const ctx = await context();
    const events = ctx.app.get(DomainEvents);
    const [task] = events.subscriberTasks(ProbeHappened);
    expect(task).toBe('test.ProbeHappened:ProbeSubscriber.onProbe');
    await expect(
      ctx.db.transaction(async (manager) => {
        await events.record(manager, ProbeHappened, { id: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows(ctx, task!)).toHaveLength(0);

    await ctx.db.transaction((manager) => events.record(manager, ProbeHappened, { id: 'committed' }));
    expect((await rows(ctx, task!)).map((row) => row.payload)).toEqual([{ id: 'committed' }]);
    await ctx.app.get(JobWorker).drain();
    expect(seen.probes).toEqual(['committed']);
    expect(await rows(ctx, task!)).toHaveLength(0);
  });

  it('refuses to start with two handlers for one job type, a declared job type no handler takes, or an event type nobody subscribes to, naming it', async () => {
    await expect(context(undefined, [SecondFlakyHandler])).rejects.toThrow('Two handlers for job type test.flaky');
    defineJob<{ id: string }>('test.unhandled');
    await expect(context()).rejects.toThrow(/No handler for job type test\.unhandled/);
    defineEvent<{ id: string }>('test.NobodyListens');
    await expect(context()).rejects.toThrow(/Event type test\.NobodyListens has no subscriber/);
  });
});
