import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SearchReindex } from '#libs/search';
import { createLogger, dataSourceOptions, JOB_SCHEMA, migrateJobSchema, objectStorageFor, uploadsDir, type AppConfig } from '#libs/platform';
import { WorkerModule } from '../../../worker/src/worker.module.js';
import { restoreDatabase, type Progress } from './database-dump.js';
import { parseManifest } from './manifest.js';
import { extractTar } from './tar.js';

export interface RestoreResult {
  rows: number;
  uploads: number;
  indexed: number;
}

/**
 * `restore FILE` into an empty installation (no account yet, no local upload): migrations first,
 * then the data in one transaction, the uploads into the configured storage (local or S3), and
 * a search index rebuilt from the restored database.
 */
export async function restore(config: AppConfig, file: string, progress: (what: string) => Progress): Promise<RestoreResult> {
  const staging = await mkdtemp(join(tmpdir(), 'pk-restore-'));
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl!));
  const client = new pg.Client({ connectionString: config.databaseUrl, application_name: 'pasar-kerthi-restore' });
  try {
    const gunzip = createGunzip();
    await Promise.all([pipeline(createReadStream(file), gunzip), extractTar(gunzip, staging)]).catch((error: Error) => {
      throw new Error(`Cannot read the backup ${file}: ${error.message}`);
    });
    const manifest = parseManifest(await readFile(join(staging, 'manifest.json'), 'utf8'));

    await dataSource.initialize();
    await dataSource.runMigrations();
    await migrateJobSchema(config.databaseUrl!);
    const applied = ((await dataSource.query(`SELECT name FROM migrations ORDER BY id`)) as Array<{ name: string }>).map((row) => row.name);
    if (applied.join('\n') !== manifest.migrations.join('\n')) {
      throw new Error(`The backup was made with another version (${manifest.migrations.length} migrations, this one has ${applied.length}): restore with the version that made it`);
    }
    const [{ accounts }] = await dataSource.query(`SELECT count(*)::int AS accounts FROM users`);
    const localFiles = await readdir(uploadsDir(config)).catch(() => [] as string[]);
    if (accounts > 0 || localFiles.length > 0) {
      throw new Error(`This installation is not empty (${accounts} account(s), ${localFiles.length} uploaded file(s)): restore only into a new, empty one`);
    }

    await client.connect();
    await restoreDatabase(client, staging, manifest, progress('Database'));
    // The backed-up installation's workers are gone: jobs they were running may run again now, not in 4 hours.
    await client.query(`SELECT ${JOB_SCHEMA}.force_unlock_workers(coalesce(array_agg(DISTINCT locked_by), '{}')) FROM ${JOB_SCHEMA}.jobs WHERE locked_by IS NOT NULL`);

    const storage = objectStorageFor(config);
    const uploads = await readdir(join(staging, 'uploads')).catch(() => [] as string[]);
    const bar = progress('Uploads');
    bar.start(uploads.length, 'files');
    for (const name of uploads) {
      await storage.put(name, await readFile(join(staging, 'uploads', name)), name.endsWith('.webp') ? 'image/webp' : 'application/octet-stream');
      bar.increment(1);
    }
    bar.stop();

    const indexed = await rebuildSearch(config, progress('Search'));
    return { rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0), uploads: uploads.length, indexed };
  } finally {
    await client.end().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    await rm(staging, { recursive: true, force: true });
  }
}

/** A fresh index from the restored database, swapped in (the index may hold another installation's documents). */
async function rebuildSearch(config: AppConfig, progress: Progress): Promise<number> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, createLogger(process.env.LOG_LEVEL ?? 'warn')), { logger: false });
  try {
    const { indexed } = await app.get(SearchReindex).run({ start: (total) => progress.start(total, 'products'), increment: (by) => progress.increment(by) });
    progress.stop();
    return indexed;
  } finally {
    await app.close();
  }
}
