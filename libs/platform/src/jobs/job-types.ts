/**
 * A typed job: a name (graphile-worker's task identifier) and the shape of its payload. Declare
 * each job once, in the lib that handles it (or, for a job many libs send, in the lowest lib they
 * share), and use the constant on both sides: `JobQueue.enqueue(ImportJob, { importId })` and
 * `@JobHandler(ImportJob)`. Every declared job must have exactly one handler in the running app:
 * `JobWorker` checks it at start.
 */
export interface JobType<P extends object = Record<string, unknown>> {
  readonly name: string;
  /** Attempts before the job is kept as permanently failed (a dead letter); default 25. */
  readonly maxAttempts?: number;
  /** Only carries the payload type. */
  readonly __payload?: P;
}

const declared = new Map<string, JobType<object>>();

export function defineJob<P extends object>(name: string, options: { maxAttempts?: number } = {}): JobType<P> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(name)) throw new Error(`Job name ${name} must be dotted lower-case words`);
  if (declared.has(name)) throw new Error(`Job type ${name} is declared twice`);
  const job: JobType<P> = Object.freeze({ name, ...options });
  declared.set(name, job);
  return job;
}

/** Every job type declared in this process (checked at start against the handlers found). */
export function declaredJobs(): JobType<object>[] {
  return [...declared.values()];
}

/**
 * `notify` `{ userId, kind, params }`: an in-app notice (and email when SMTP is set) for a user.
 * Sent by sellers, export, commerce, ledger and disputes, handled by libs/notifications; declared
 * here so any lib sends it by name without depending on who delivers it.
 */
export interface NotifyPayload {
  userId: string;
  kind: string;
  params: Record<string, unknown>;
}
export const NotifyJob = defineJob<NotifyPayload>('notify');
