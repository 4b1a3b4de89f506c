import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { DbNotifications } from './database/db-notifications.js';
import { DomainEvents } from './events/domain-events.js';
import { HealthService } from './health/health.service.js';
import { Readiness } from './health/readiness.service.js';
import { JobStats } from './jobs/job-stats.service.js';
import { JobQueue } from './jobs/job-queue.service.js';
import { JobWorker } from './jobs/job-worker.service.js';
import { LOGGER, type Logger } from './logging/logger.js';
import { Mailer } from './mail/mailer.js';
import { Metrics } from './metrics/metrics.service.js';
import { RateLimiter } from './rate-limit/rate-limiter.service.js';
import { MeiliQueries } from './search/meili-queries.js';
import { MeiliService } from './search/meili.service.js';
import { DemoSeedService } from './seed/demo-seed.service.js';
import { OBJECT_STORAGE } from './storage/object-storage.js';
import { objectStorageProvider } from './storage/storage.provider.js';
import { PageSlots } from './views/page-slots.js';
import { ViewService } from './views/view.service.js';
import { CdnPurge } from './http/cdn-purge.js';
import { PublicPages } from './http/public-pages.js';

/** The platform's services, provided here and exported to every module. */
const SERVICES = [
  MeiliService,
  MeiliQueries,
  DbNotifications,
  JobQueue,
  JobWorker,
  DomainEvents,
  HealthService,
  JobStats,
  Readiness,
  Metrics,
  ViewService,
  PublicPages,
  CdnPurge,
  PageSlots,
  DemoSeedService,
  RateLimiter,
  Mailer,
];

/** Config, database, logging, Meilisearch client, jobs and domain events (graphile-worker), views and page slots for every app. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DiscoveryModule, DatabaseModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: LOGGER, useValue: logger }, objectStorageProvider, ...SERVICES],
      exports: [APP_CONFIG, LOGGER, OBJECT_STORAGE, ...SERVICES, DiscoveryModule],
    };
  }
}
