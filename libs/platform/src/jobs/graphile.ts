import { createHash } from 'node:crypto';
import pg from 'pg';
import { Logger as GraphileLogger, runMigrations, type LogLevel } from 'graphile-worker';
import type { Logger } from '../logging/logger.js';

/** graphile-worker's schema: its tables, functions and the `jobs` view for inspection. */
export const JOB_SCHEMA = 'graphile_worker';

/** The connections of a running worker carry this name, so readiness sees a worker in any process (pg_stat_activity). */
export const WORKER_APPLICATION_NAME = 'pasar-kerthi-worker';

/** A small pool of its own for graphile-worker (its LISTEN connection and job bookkeeping), apart from TypeORM's. */
export function jobPool(connectionString: string, max: number, applicationName = 'pasar-kerthi-jobs'): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: applicationName, keepAlive: true });
  // A client lost with the server (a restart), idle or checked out, must not crash the process: pg drops
  // it and the next query fails, and graphile-worker reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** graphile-worker's log lines go through the process's pino logger (its per-job "Completed task" info lines at debug). */
export function graphileLogger(logger: Logger): GraphileLogger {
  const levels: Record<LogLevel, 'error' | 'warn' | 'debug'> = { error: 'error', warning: 'warn', info: 'debug', debug: 'debug' };
  return new GraphileLogger((scope) => (level, message, meta) => logger[levels[level] ?? 'info']({ ...scope, ...(meta ?? {}), lib: 'graphile-worker' }, message));
}

/**
 * Installs or upgrades graphile-worker's own schema (versioned by the npm package, migrated under
 * an advisory lock, so several processes starting at once are safe). Run at every start, after the
 * TypeORM migrations, by every process that queues or runs jobs; and by `npm run migrate`.
 */
export async function migrateJobSchema(connectionString: string, logger?: Logger): Promise<void> {
  const pool = jobPool(connectionString, 2);
  try {
    await runMigrations({ pgPool: pool, schema: JOB_SCHEMA, ...(logger ? { logger: graphileLogger(logger) } : {}) });
  } finally {
    await pool.end();
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The crontab pattern of a schedule of `everyMs`: every minute, every n minutes (n divides an hour),
 * every n hours (n divides a day). Hourly and longer ones run at a minute of the hour taken from
 * their name, so the sweeps of a deployment do not all start at :00.
 */
export function cronPattern(everyMs: number, name: string): string {
  if (everyMs === MINUTE) return '* * * * *';
  if (everyMs % MINUTE === 0 && everyMs < HOUR && 60 % (everyMs / MINUTE) === 0) return `*/${everyMs / MINUTE} * * * *`;
  if (everyMs % HOUR === 0 && 24 % (everyMs / HOUR) === 0) {
    const minute = createHash('sha256').update(name).digest().readUInt16BE(0) % 60;
    const hours = everyMs / HOUR;
    return `${minute} ${hours === 1 ? '*' : `*/${hours}`} * * *`;
  }
  throw new Error(`@Scheduled(${everyMs}) on ${name}: use a minute, a divisor of an hour in minutes, an hour or a divisor of a day in hours`);
}
