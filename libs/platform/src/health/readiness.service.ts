import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobStats } from '../jobs/job-stats.service.js';
import { JobWorker } from '../jobs/job-worker.service.js';

/**
 * A part that must have caught up before the process takes traffic. `upTo` is the job-queue
 * watermark of the start: every change committed before it queued its jobs at or below it.
 * Answers null when ready, else a short reason.
 */
export type ReadinessCheck = (upTo: string) => Promise<string | null>;

export interface ReadinessReport {
  ready: boolean;
  /** Each part: "ok", or why it is not ready. */
  checks: Record<string, string>;
}

/**
 * `GET /health/ready`: migrations ran, a worker runs (here or in another process), and every
 * registered check (search registers its index) caught up with what was committed before start.
 * Higher libs register their checks at module init, so platform stays below them. A part that
 * was ready once stays ready: readiness is about the start, not about later load.
 */
@Injectable()
export class Readiness implements OnApplicationBootstrap {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly passed = new Set<string>();
  private upTo?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobStats,
    private readonly worker: JobWorker,
  ) {}

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`Two readiness checks named ${name}`);
    this.checks.set(name, check);
  }

  onApplicationBootstrap(): void {
    this.markStarted();
  }

  /** The start is complete (called again after loading demo data): what was committed until now must be caught up with before ready. */
  markStarted(): void {
    this.upTo = this.jobs.watermark();
    this.upTo.catch(() => (this.upTo = undefined));
    for (const name of this.checks.keys()) this.passed.delete(name);
  }

  async report(): Promise<ReadinessReport> {
    const checks: Record<string, string> = {};
    const all: Array<[string, () => Promise<string | null>]> = [
      ['migrations', async () => ((await this.dataSource.showMigrations()) ? 'migrations pending' : null)],
      ['worker', async () => (this.worker.running || (await this.jobs.workerConnected()) ? null : 'no job worker is running')],
      ...[...this.checks].map(([name, check]): [string, () => Promise<string | null>] => [
        name,
        async () => {
          this.upTo ??= this.jobs.watermark();
          return check(await this.upTo);
        },
      ]),
    ];
    await Promise.all(
      all.map(async ([name, check]) => {
        if (this.passed.has(name)) return void (checks[name] = 'ok');
        const problem = await check().catch((error: Error) => `check failed: ${error.message}`);
        checks[name] = problem ?? 'ok';
        // Migrations and registered checks stay done once done; a worker may stop, so it is asked every time.
        if (!problem && name !== 'worker') this.passed.add(name);
      }),
    );
    return { ready: Object.values(checks).every((state) => state === 'ok'), checks };
  }
}
