import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
// The CLI needs what the worker has (every context's services, no HTTP side).
import { WorkerModule } from '../../worker/src/worker.module.js';
import { createLogger, dataSourceOptions, loadConfigOrExit, migrateJobSchema, resolveServices, type AppConfig } from '#libs/platform';

/** Loads the config and starts (or reuses) the services; one line on stderr for a bad environment. */
export async function services(): Promise<{ config: AppConfig; stop: () => Promise<void> }> {
  return resolveServices(loadConfigOrExit(), () => undefined);
}

/** Runs `fn` with every context's services (no HTTP side), then shuts everything down. */
export async function withApp<T>(fn: (app: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const { config, stop } = await services();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: false });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
    await stop();
  }
}

/** Runs pending migrations with a bare DataSource, then graphile-worker's own (the job schema). */
export async function migrate(): Promise<string[]> {
  const { config, stop } = await services();
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl!));
  try {
    await dataSource.initialize();
    const ran = await dataSource.runMigrations();
    await migrateJobSchema(config.databaseUrl!);
    return ran.map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stop();
  }
}
