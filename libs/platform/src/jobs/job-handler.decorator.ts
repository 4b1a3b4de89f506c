import { SetMetadata } from '@nestjs/common';
import type { JobType } from './job-types.js';

export const JOB_HANDLER = 'pk:job-handler';

/**
 * Marks a provider method as the handler of one typed job. The worker finds them at start and
 * refuses to start when two claim the same job, or when a declared job has none. A handler that
 * throws is retried with exponential backoff (graphile-worker: exp(attempts) seconds) until the
 * job's attempts run out; it is then kept as permanently failed for inspection.
 */
export const JobHandler =
  <P extends object>(job: JobType<P>) =>
  <M extends (payload: P) => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    SetMetadata(JOB_HANDLER, job)(target, key, descriptor);
  };

/**
 * Marks a provider method to run every `everyMs`, once across all worker processes: it becomes a
 * graphile-worker cron item (a minute, a divisor of an hour, an hour or a divisor of a day), and a
 * run missed while no worker was up is made up at the next start (backfill of one period).
 */
export const SCHEDULED = 'pk:scheduled';
export const Scheduled = (everyMs: number) => SetMetadata(SCHEDULED, everyMs);

/**
 * Marks a provider method that loads demo data (`npm run cli -- seed:demo`, SEED_DEMO=1).
 * Seeders run in ascending `order` (identity 10, sellers 20, catalogue 30, …) and must be
 * idempotent: they skip what exists.
 */
export const DEMO_SEEDER = 'pk:demo-seeder';
export const DemoSeeder = (order: number) => SetMetadata(DEMO_SEEDER, order);
