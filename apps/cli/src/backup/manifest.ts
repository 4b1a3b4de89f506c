import type { DumpManifest } from './database-dump.js';

export const BACKUP_FORMAT = 'pasar-kerthi-backup';

/** `manifest.json`, the first entry of a backup: what it holds and which schema version made it. */
export interface BackupManifest extends DumpManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  /** The migrations the backed-up database had run, in order: a restore needs exactly these. */
  migrations: string[];
  /** Upload files in the archive (none when uploads live in S3: the bucket is backed up where it lives). */
  uploads: number;
}

export function parseManifest(text: string): BackupManifest {
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1) throw new Error('Not a Pasar Kerthi backup (unknown manifest)');
  return manifest;
}
