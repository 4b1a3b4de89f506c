import { Inject, Injectable } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * A client of this installation's Meilisearch that asks for answers uncompressed: it sits beside
 * the app, and compressing each answer there and inflating it here cost more CPU than the search.
 */
export function meiliClient(config: AppConfig, timeout: number): Meilisearch {
  return new Meilisearch({ host: config.meiliHost!, apiKey: config.meiliMasterKey, timeout, requestInit: { headers: { 'Accept-Encoding': 'identity' } } });
}

/** The Meilisearch client for this installation; index names carry MEILI_INDEX_PREFIX. */
@Injectable()
export class MeiliService {
  readonly client: Meilisearch;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = meiliClient(config, 10_000);
  }

  indexName(name: string): string {
    return `${this.config.meiliIndexPrefix}${name}`;
  }

  async isHealthy(timeoutMs = 1500): Promise<boolean> {
    try {
      const response = await fetch(`${this.config.meiliHost}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      return response.ok;
    } catch {
      return false;
    }
  }
}
