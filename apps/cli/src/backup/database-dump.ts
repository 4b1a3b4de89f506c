import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';

/** The schemas a backup takes: the app's tables and graphile-worker's (queued jobs are part of the state: the outbox). */
const SCHEMAS = ['public', 'graphile_worker'];
/** Each schema's migration record: the restoring installation has its own, and must match the backup's (checked apart). */
const SKIPPED = new Set(['public.migrations', 'graphile_worker.migrations']);
const FETCH = 1000;
const INSERT_BATCH = 500;

export interface TableDump {
  /** `schema.table` */
  table: string;
  rows: number;
}

export interface DumpManifest {
  tables: TableDump[];
  /** Every sequence's position, so ids and references keep counting from where they were. */
  sequences: Array<{ sequence: string; value: string }>;
}

export interface Progress {
  start(total: number, what: string): void;
  increment(by: number): void;
  stop(): void;
}

const quoted = (qualified: string) =>
  qualified
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
const dataFile = (dir: string, table: string) => join(dir, 'data', `${table}.jsonl`);

/** The tables of the backed-up schemas, in a stable order. */
async function tablesOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1) ORDER BY 1`,
    [SCHEMAS],
  );
  return rows.map((row) => row.name).filter((name) => !SKIPPED.has(name));
}

/**
 * Writes every table as JSON lines (`row_to_json`, which keeps every PostgreSQL type exactly as
 * text) into `dir/data`, from one REPEATABLE READ snapshot, so the backup is consistent while the
 * shop keeps running. PostgreSQL's own pg_dump would need a client of the server's major version,
 * which the embedded PostgreSQL package does not ship.
 */
export async function dumpDatabase(client: pg.ClientBase, dir: string, progress: Progress): Promise<DumpManifest> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables: TableDump[] = [];
    for (const table of await tablesOf(client)) {
      const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${quoted(table)}`);
      tables.push({ table, rows: rows[0]!.count });
    }
    const { rows: sequences } = await client.query<{ sequence: string; value: string }>(
      `SELECT schemaname || '.' || sequencename AS sequence, last_value::text AS value FROM pg_sequences WHERE schemaname = ANY($1) AND last_value IS NOT NULL ORDER BY 1`,
      [SCHEMAS],
    );
    progress.start(
      tables.reduce((sum, t) => sum + t.rows, 0),
      'rows',
    );
    for (const { table } of tables) {
      const out = createWriteStream(dataFile(dir, table));
      await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoted(table)} t`);
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH} FROM dump`);
        if (rows.length === 0) break;
        if (!out.write(rows.map((row) => row.j).join('\n') + '\n')) await once(out, 'drain');
        progress.increment(rows.length);
      }
      await client.query('CLOSE dump');
      out.end();
      await once(out, 'finish');
    }
    progress.stop();
    return { tables, sequences };
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * Loads a dump into a migrated, empty database in one transaction: tables emptied of what
 * migrations put there, rows inserted with triggers and foreign-key checks off (`session_replication_role
 * = replica`: the ledger's balance trigger would count each entry again, and rows come in table
 * order, not dependency order), sequences set. Needs a role that may set that (a superuser, as the
 * embedded one is; `rds_superuser` on RDS).
 */
export async function restoreDatabase(client: pg.ClientBase, dir: string, manifest: DumpManifest, progress: Progress): Promise<void> {
  const present = new Set(await tablesOf(client));
  const missing = manifest.tables.filter((t) => !present.has(t.table)).map((t) => t.table);
  if (missing.length) throw new Error(`This installation has no table ${missing.join(', ')}: restore with the version that made the backup`);
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(`TRUNCATE ${manifest.tables.map((t) => quoted(t.table)).join(', ')}`);
    progress.start(
      manifest.tables.reduce((sum, t) => sum + t.rows, 0),
      'rows',
    );
    for (const { table, rows } of manifest.tables) {
      if (rows === 0) continue;
      const { rows: columns } = await client.query<{ name: string }>(
        `SELECT quote_ident(a.attname) AS name FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum`,
        [quoted(table)],
      );
      const list = columns.map((c) => c.name).join(', ');
      const insert = `INSERT INTO ${quoted(table)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${quoted(table)}, $1::json)`;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(insert, [`[${batch.join(',')}]`]);
        progress.increment(batch.length);
        batch = [];
      };
      for await (const line of createInterface({ input: createReadStream(dataFile(dir, table)), crlfDelay: Infinity })) {
        if (!line) continue;
        batch.push(line);
        if (batch.length === INSERT_BATCH) await flush();
      }
      await flush();
    }
    for (const { sequence, value } of manifest.sequences) await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [quoted(sequence), value]);
    await client.query('COMMIT');
    progress.stop();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
