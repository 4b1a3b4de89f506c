import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../../migrations/index.js';

/** Connection options shared by the web app, the worker, the CLI and the tests. Never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 20), application_name: 'pasar-kerthi' },
  };
}
