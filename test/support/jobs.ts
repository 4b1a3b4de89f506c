import type { TestApp } from './test-app.js';

/** graphile-worker task names of the subscribers tests look at (`<event type>:<Class>.<method>`). */
export const TASKS = {
  /** search's subscriber of catalogue.ProductChanged: re-indexes one product. */
  searchProduct: 'catalogue.ProductChanged:SearchSync.onProductChanged',
  /** search's subscriber of sellers.SellerChanged: re-indexes a seller's products. */
  searchSeller: 'sellers.SellerChanged:SearchSync.onSellerChanged',
} as const;

export interface JobRow {
  id: string;
  task: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  key: string | null;
  run_at: Date;
  last_error: string | null;
}

/**
 * Jobs in graphile-worker's tables, with their payloads (its public `jobs` view leaves payloads
 * out). A job that ran is deleted; a waiting one has attempts < max_attempts (attempts > 0: it
 * failed and waits for its retry); one kept as failed for good has attempts = max_attempts.
 */
export async function jobs(t: TestApp, filter: { task?: string; state?: 'waiting' | 'retrying' | 'failed' | 'any' } = {}): Promise<JobRow[]> {
  const state = { waiting: 'j.attempts < j.max_attempts', retrying: 'j.attempts > 0 AND j.attempts < j.max_attempts', failed: 'j.attempts >= j.max_attempts', any: 'true' }[filter.state ?? 'waiting'];
  return t.db.query(
    `SELECT j.id::text, k.identifier AS task, j.payload, j.attempts, j.max_attempts, j.key, j.run_at, j.last_error
     FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
     WHERE ${state} AND ($1::text IS NULL OR k.identifier = $1) ORDER BY j.id`,
    [filter.task ?? null],
  );
}

/** Deletes every job (what a test does before the change it looks at). */
export async function clearJobs(t: TestApp): Promise<void> {
  await t.db.query(`DELETE FROM graphile_worker._private_jobs`);
}

/** Makes the retries of failed jobs due now instead of after their backoff. */
export async function retryNow(t: TestApp): Promise<void> {
  await t.db.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE attempts < max_attempts AND locked_at IS NULL`);
}
