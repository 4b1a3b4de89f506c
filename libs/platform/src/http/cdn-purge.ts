import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER, type Logger } from '../logging/logger.js';

/** Changes heard within this long go to the CDN as one purge. */
const GATHER_MS = 200;

/**
 * Tells a CDN in front (CDN_PURGE_URL) that stored public pages changed, so it drops its copies at
 * once instead of keeping them for CDN_MAX_AGE: `POST { "purge": "everything" }`, or `{ "purge":
 * "/search" }` when only that route's pages changed. Every web process hears every change and
 * sends its own purge (a purge is idempotent; no process has to be the one). Failures are logged:
 * the CDN's copies then age out within CDN_MAX_AGE.
 */
@Injectable()
export class CdnPurge implements OnApplicationShutdown {
  private pending = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `path`: the route whose pages changed; empty: any page may have. */
  changed(path: string): void {
    if (!this.config.cdnPurgeUrl) return;
    this.pending.add(path || 'everything');
    this.timer ??= setTimeout(() => void this.send(), GATHER_MS);
  }

  private async send(): Promise<void> {
    this.timer = undefined;
    const paths = this.pending.has('everything') ? ['everything'] : [...this.pending];
    this.pending = new Set();
    for (const purge of paths) {
      try {
        const response = await fetch(this.config.cdnPurgeUrl!, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(this.config.cdnPurgeToken ? { Authorization: `Bearer ${this.config.cdnPurgeToken}` } : {}) },
          body: JSON.stringify({ purge }),
          signal: AbortSignal.timeout(5000),
        });
        if (!response.ok) this.logger.warn({ status: response.status, purge }, 'the CDN refused a purge');
      } catch (err) {
        this.logger.warn({ err, purge }, 'could not reach the CDN to purge');
      }
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }
}
