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
