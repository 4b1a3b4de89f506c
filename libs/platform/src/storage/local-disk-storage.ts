import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkKey, type ObjectStorage, type StoredObject } from './object-storage.js';

/** The embedded default: files under DATA_DIR/uploads (one shared volume when there are several machines). */
export class LocalDiskStorage implements ObjectStorage {
  readonly kind = 'local' as const;

  constructor(readonly dir: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path(key), body);
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.path(key);
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) return null;
    return { body: createReadStream(file), size: found.size };
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.path(key), { force: true })));
  }

  publicUrl(): null {
    return null;
  }

  private path(key: string): string {
    return join(this.dir, checkKey(key));
  }
}
