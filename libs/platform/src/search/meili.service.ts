import { Inject, Injectable } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** The Meilisearch client for this installation; index names carry MEILI_INDEX_PREFIX. */
@Injectable()
export class MeiliService {
  readonly client: Meilisearch;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = new Meilisearch({ host: config.meiliHost!, apiKey: config.meiliMasterKey, timeout: 10_000 });
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
