import type { DataSource } from 'typeorm';

const known = new WeakMap<DataSource, Map<string, boolean>>();

/**
 * Whether another context's public view exists in this database (export_rfqs_v arrives with
 * the export lib, which an installation may deploy later). Asked once per name and data source.
 */
export async function tableExists(dataSource: DataSource, table: string): Promise<boolean> {
  let cache = known.get(dataSource);
  if (!cache) known.set(dataSource, (cache = new Map()));
  if (!cache.has(table)) {
    const [row] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public.${table}`]);
    if (!row.present) return false; // not cached: a later migration may still create it
    cache.set(table, true);
  }
  return true;
}
