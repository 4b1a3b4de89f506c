import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { objectStorageFor, uploadsDir, type AppConfig } from '#libs/platform';
import { dumpDatabase, type Progress } from './database-dump.js';
import { BACKUP_FORMAT, type BackupManifest } from './manifest.js';
import { TarWriter } from './tar.js';

export interface BackupResult {
  rows: number;
  uploads: number;
  bytes: number;
}

/**
 * `backup --out FILE`: the database (one consistent snapshot) and, with local storage, the
 * uploaded files, in one gzip-compressed tar. The file appears only when complete.
 */
export async function backup(config: AppConfig, out: string, progress: (what: string) => Progress): Promise<BackupResult> {
  const staging = await mkdtemp(join(tmpdir(), 'pk-backup-'));
  const client = new pg.Client({ connectionString: config.databaseUrl, application_name: 'pasar-kerthi-backup' });
  try {
    await mkdir(join(staging, 'data'));
    await client.connect();
    const migrations = (await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`)).rows.map((row) => row.name);
    const dump = await dumpDatabase(client, staging, progress('Database'));
    const storage = objectStorageFor(config);
    const files = storage.kind === 'local' ? await readdir(uploadsDir(config)).catch(() => [] as string[]) : [];
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), migrations, ...dump, uploads: files.length };

    const partial = `${out}.partial`;
    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(partial));
    const tar = new TarWriter(gzip);
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    for (const { table } of dump.tables) {
      const file = join(staging, 'data', `${table}.jsonl`);
      await tar.addFile(`data/${table}.jsonl`, file, (await stat(file)).size);
    }
    const bar = progress('Uploads');
    bar.start(files.length, 'files');
    for (const name of files) {
      const file = join(uploadsDir(config), name);
      await tar.addFile(`uploads/${name}`, file, (await stat(file)).size);
      bar.increment(1);
    }
    bar.stop();
    await tar.finish();
    await written;
    await rename(partial, out);
    return { rows: dump.tables.reduce((sum, t) => sum + t.rows, 0), uploads: files.length, bytes: (await stat(out)).size };
  } finally {
    await client.end().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
}
