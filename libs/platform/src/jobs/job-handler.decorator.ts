import { SetMetadata } from '@nestjs/common';

export const JOB_HANDLER = 'pk:job-handler';

/**
 * Marks a provider method as the handler of one job type. The worker finds them at
 * start and refuses to start when two claim the same type.
 */
export const JobHandler = (type: string) => SetMetadata(JOB_HANDLER, type);

/** Marks a provider method to run every `everyMs` in the worker (a scheduled job). */
export const SCHEDULED = 'pk:scheduled';
export const Scheduled = (everyMs: number) => SetMetadata(SCHEDULED, everyMs);

/**
 * Marks a provider method that loads demo data (`npm run cli -- seed:demo`, SEED_DEMO=1).
 * Seeders run in ascending `order` (identity 10, sellers 20, catalogue 30, …) and must be
 * idempotent: they skip what exists.
 */
export const DEMO_SEEDER = 'pk:demo-seeder';
export const DemoSeeder = (order: number) => SetMetadata(DEMO_SEEDER, order);
