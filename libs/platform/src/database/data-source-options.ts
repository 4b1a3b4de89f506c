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
    extra: {
      max: Number(process.env.DB_POOL_SIZE ?? 20),
      application_name: 'pasar-kerthi',
      // A stuck query or a transaction left open (a handler awaiting a slow outside call) must not
      // hold row locks for long: PostgreSQL ends them, and the request fails instead of the shop stalling.
      statement_timeout: 60_000,
      idle_in_transaction_session_timeout: 120_000,
      keepAlive: true,
    },
  };
}
