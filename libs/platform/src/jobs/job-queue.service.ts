import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { JOB_SCHEMA } from './graphile.js';
import type { JobType } from './job-types.js';

export interface EnqueueOptions {
  /** Enqueue inside this transaction, so the job exists only if the change commits (outbox). */
  manager?: EntityManager;
  runAt?: Date;
  /** While a job with this key waits, another is not added: the waiting one stands for both. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** One graphile-worker job to add (`graphile_worker.job_spec`). */
export interface JobSpec {
  identifier: string;
  payload: object;
  key?: string | null;
  runAt?: Date;
  maxAttempts?: number;
}

/** graphile-worker's default: about three days of exponential backoff before a job is kept as failed. */
export const DEFAULT_MAX_ATTEMPTS = 25;

/**
 * Queues typed jobs in graphile-worker's tables through the caller's EntityManager (so a job
 * exists only if the change commits), with `graphile_worker.add_jobs`; its insert trigger wakes
 * the workers with NOTIFY at commit.
 */
@Injectable()
export class JobQueue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enqueue<P extends object>(job: JobType<P>, payload: P, options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(job, [payload], { ...options, dedupeKeys: [options.dedupeKey ?? null] });
  }

  /** One statement for many jobs of one type (bulk imports, sweeps). */
  async enqueueMany<P extends object>(job: JobType<P>, payloads: P[], options: Omit<EnqueueOptions, 'dedupeKey'> & { dedupeKeys?: (string | null)[] } = {}): Promise<void> {
    await this.add(
      options.manager ?? this.dataSource.manager,
      payloads.map((payload, i) => ({
        identifier: job.name,
        payload,
        key: options.dedupeKeys?.[i] ?? null,
        runAt: options.runAt,
        maxAttempts: options.maxAttempts ?? job.maxAttempts,
      })),
    );
  }

  /**
   * Adds jobs in one statement. A key dedupes: while a job with that key waits (not started), it
   * is updated in place and keeps its place in the queue (`job_key_preserve_run_at`, the
   * equivalent of job_key_mode 'preserve_run_at': a burst of changes to one product is one job,
   * and is not pushed back by the later ones); once it has started, or has failed for good, a new
   * job is added, because the change it stands for may have come after the running job read the
   * data. ('unsafe_dedupe' would drop that change; 'replace' would postpone a busy key forever.)
   */
  async add(manager: EntityManager, specs: JobSpec[]): Promise<void> {
    if (specs.length === 0) return;
    // Two specs with one key in one call would hit the same row twice: the last one stands for both.
    const byKey = new Map<string, JobSpec>();
    const unkeyed: JobSpec[] = [];
    for (const spec of specs) spec.key ? byKey.set(spec.key, spec) : unkeyed.push(spec);
    const all = [...unkeyed, ...byKey.values()];
    await manager.query(
      `SELECT count(*) FROM ${JOB_SCHEMA}.add_jobs(
         ARRAY(SELECT ROW(x.identifier, x.payload, NULL, x.run_at, coalesce(x.max_attempts, $6), x.job_key, NULL, NULL)::${JOB_SCHEMA}.job_spec
               FROM unnest($1::text[], $2::json[], $3::text[], $4::timestamptz[], $5::int[]) AS x(identifier, payload, job_key, run_at, max_attempts)),
         true)`,
      [
        all.map((s) => s.identifier),
        all.map((s) => JSON.stringify(s.payload)),
        all.map((s) => s.key ?? null),
        all.map((s) => s.runAt?.toISOString() ?? null),
        all.map((s) => s.maxAttempts ?? null),
        DEFAULT_MAX_ATTEMPTS,
      ],
    );
  }
}
