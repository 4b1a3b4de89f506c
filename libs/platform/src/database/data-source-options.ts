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
    // Failed queries surface as errors that the problem filter logs (or maps to 4xx).
    logging: false,
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 20), application_name: 'pasar-kerthi' },
  };
}
