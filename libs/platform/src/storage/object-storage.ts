import type { Readable } from 'node:stream';

/** A stored object read back: its bytes as a stream and its size. */
export interface StoredObject {
  body: Readable;
  size?: number;
  contentType?: string;
}

/**
 * Where uploads live (media renditions): the local disk under DATA_DIR/uploads by default, or an
 * S3-compatible bucket (MinIO, R2, S3) with STORAGE_S3_*, so several web and worker machines
 * share them. Keys are flat names made by the server (`<uuid>-<width>.webp`), never a user's.
 */
export interface ObjectStorage {
  /** `local` or `s3`: backups include the files only when they are local. */
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<StoredObject | null>;
  /** Deletes these objects; missing ones are no error. */
  delete(keys: string[]): Promise<void>;
  /** Where a browser may fetch a public object directly (STORAGE_S3_PUBLIC_URL), or null to stream it through the app. */
  publicUrl(key: string): string | null;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Server-made keys only: a key can never climb out of the uploads directory or name another bucket path. */
export function checkKey(key: string): string {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,200}$/.test(key)) throw new Error(`Not a storage key: ${key}`);
  return key;
}
