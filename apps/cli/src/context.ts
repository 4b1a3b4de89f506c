import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../web/src/app.module.js';
import { createLogger, dataSourceOptions, loadConfigOrExit, resolveServices, type AppConfig } from '#libs/platform';

/** Loads the config and starts (or reuses) the services; one line on stderr for a bad environment. */
export async function services(): Promise<{ config: AppConfig; stop: () => Promise<void> }> {
  return resolveServices(loadConfigOrExit(), () => undefined);
}

/** Runs `fn` with the whole application (no HTTP server), then shuts everything down. */
export async function withApp<T>(fn: (app: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const { config, stop } = await services();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, logger), { logger: false });
  try {
    return await fn(app, config);
  } finally {
    await app.close();
    await stop();
  }
}

/** Runs pending migrations with a bare DataSource. */
export async function migrate(): Promise<string[]> {
  const { config, stop } = await services();
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl!));
  try {
    await dataSource.initialize();
    const ran = await dataSource.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stop();
  }
}
