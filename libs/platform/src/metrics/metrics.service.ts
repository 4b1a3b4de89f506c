import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DoorRequest, RequestObserver } from '../http/front-door.js';
import { JobStats } from '../jobs/job-stats.service.js';

/** Gauges fed by one query read it once per scrape: callers running together share the read in flight. */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => (inFlight ??= read().finally(() => (inFlight = undefined)));
}

/** One sample of a gauge read at scrape time. */
export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

/**
 * The process's Prometheus registry (`GET /metrics`): default process metrics, HTTP request
 * durations by route pattern and status, the job queue, and gauges other libs register at module
 * init (`gauge(...)`, read when scraped), so platform never reads a higher lib's tables.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'pk_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(jobs: JobStats) {
    collectDefaultMetrics({ register: this.registry });
    const byTask = sharedRead(() => jobs.byTask());
    this.gauge('pk_jobs_waiting', 'Jobs queued (due now or later, running included), by task', ['task'], async () =>
      (await byTask()).map((row) => ({ labels: { task: row.task }, value: row.waiting })),
    );
    this.gauge('pk_jobs_oldest_age_seconds', 'Seconds since the oldest due job of each task was due (0 when none is due)', ['task'], async () =>
      (await byTask()).map((row) => ({ labels: { task: row.task }, value: row.oldestDueSeconds })),
    );
    this.gauge('pk_jobs_failed', 'Jobs that ran out of attempts (dead letters kept for inspection), by task', ['task'], async () =>
      (await byTask()).map((row) => ({ labels: { task: row.task }, value: row.failed })),
    );
  }

  /** A gauge whose samples `collect` reads at every scrape (replacing the previous ones). */
  gauge(name: string, help: string, labelNames: string[], collect: () => Promise<Sample[]>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const samples = await collect();
        this.reset();
        for (const sample of samples) this.set(sample.labels ?? {}, sample.value);
      },
    });
  }

  /**
   * Times every request (an observer of the front door, so pages answered before the framework
   * count too); the label is the matched route's pattern (never the raw path, which would make a
   * series per id), or `res.locals.metricsRoute` from an edge that answers before the router.
   */
  observer(): RequestObserver {
    return (req, res) => {
      const stop = this.requests.startTimer();
      res.on('finish', () => {
        const routed = req as DoorRequest & { route?: { path: string }; baseUrl?: string };
        const path = (req.originalUrl ?? req.url ?? '').split('?', 1)[0]!;
        const route = routed.route ? `${routed.baseUrl ?? ''}${routed.route.path}` : ((res.locals?.metricsRoute as string | undefined) ?? (path.startsWith('/static/') ? '/static/*' : 'unmatched'));
        stop({ method: req.method, route, status: String(res.statusCode) });
      });
    };
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
