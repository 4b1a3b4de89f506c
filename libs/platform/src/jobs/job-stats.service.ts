import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOB_SCHEMA, WORKER_APPLICATION_NAME } from './graphile.js';

export interface WaitingJobs {
  count: number;
  /** When the oldest of them was queued; null when none waits. */
  oldest: Date | null;
}

/** Read-only facts about the job queue for readiness and metrics (graphile-worker's `jobs` view; platform owns that schema). */
@Injectable()
export class JobStats {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest job id now: a change committed before this moment queued its jobs at or below it. */
  async watermark(): Promise<string> {
    const [{ id }] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM ${JOB_SCHEMA}.jobs`);
    return id;
  }

  /**
   * Jobs of these tasks still to run (dead letters left out). With a watermark, only those queued at
   * or below it, and not those a worker took long ago and never finished: graphile-worker frees a
   * crashed worker's jobs only after 4 hours, and readiness must not wait for that.
   */
  async waiting(tasks: string[], upTo?: string): Promise<WaitingJobs> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS count, min(created_at) AS oldest FROM ${JOB_SCHEMA}.jobs
        WHERE task_identifier = ANY($1) AND attempts < max_attempts
          AND ($2::bigint IS NULL OR (id <= $2::bigint AND (locked_at IS NULL OR locked_at > now() - interval '10 minutes')))`,
      [tasks, upTo ?? null],
    );
    return { count: row.count, oldest: row.oldest ? new Date(row.oldest) : null };
  }

  /** By task: jobs queued (due or later), the age of the oldest due one, and dead letters (the metrics' queue gauges). */
  async byTask(): Promise<Array<{ task: string; waiting: number; oldestDueSeconds: number; failed: number }>> {
    const rows: Array<{ task: string; waiting: number; oldest_due_seconds: number | null; failed: number }> = await this.dataSource.query(
      `SELECT task_identifier AS task,
              count(*) FILTER (WHERE attempts < max_attempts)::int AS waiting,
              extract(epoch FROM now() - min(run_at) FILTER (WHERE attempts < max_attempts AND run_at <= now()))::float8 AS oldest_due_seconds,
              count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed
         FROM ${JOB_SCHEMA}.jobs GROUP BY task_identifier`,
    );
    return rows.map((row) => ({ task: row.task, waiting: row.waiting, oldestDueSeconds: Math.max(0, row.oldest_due_seconds ?? 0), failed: row.failed }));
  }

  /** Whether a worker (this process's or a separate one) is connected: graphile-worker keeps a LISTEN connection per worker, named for it. */
  async workerConnected(): Promise<boolean> {
    const [{ connected }] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1) AS connected`, [
      WORKER_APPLICATION_NAME,
    ]);
    return connected;
  }
}
