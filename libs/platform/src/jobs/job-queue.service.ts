import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface EnqueueOptions {
  /** Enqueue inside this transaction, so the job exists only if the change commits (outbox). */
  manager?: EntityManager;
  runAt?: Date;
  /** While a job with this key is queued, another is not added. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Writes jobs to the Postgres queue; the worker picks them up with FOR UPDATE SKIP LOCKED. */
@Injectable()
export class JobQueue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enqueue(type: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(type, [payload], options.dedupeKey ? { ...options, dedupeKeys: [options.dedupeKey] } : options);
  }

  /** One statement for many jobs of one type (bulk imports, reindex). */
  async enqueueMany(
    type: string,
    payloads: Record<string, unknown>[],
    options: Omit<EnqueueOptions, 'dedupeKey'> & { dedupeKeys?: (string | null)[] } = {},
  ): Promise<void> {
    if (payloads.length === 0) return;
    const runner = options.manager ?? this.dataSource.manager;
    await runner.query(
      `INSERT INTO jobs (type, payload, run_at, dedupe_key, max_attempts)
       SELECT $1, p.payload, coalesce($3::timestamptz, now()), p.dedupe_key, $4
       FROM unnest($2::jsonb[], $5::text[]) AS p(payload, dedupe_key)
       ON CONFLICT (dedupe_key) WHERE status = 'queued' DO NOTHING`,
      [
        type,
        payloads.map((p) => JSON.stringify(p)),
        options.runAt?.toISOString() ?? null,
        options.maxAttempts ?? 8,
        payloads.map((_, i) => options.dedupeKeys?.[i] ?? null),
      ],
    );
    await runner.query(`SELECT pg_notify('pk_jobs', $1)`, [type]);
  }
}
