import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage.js';
import { S3Storage } from './s3-storage.js';

/** The configured storage: S3 when STORAGE_S3_* is set, else DATA_DIR/uploads. */
export function objectStorageFor(config: AppConfig): ObjectStorage {
  return config.storageS3 ? new S3Storage(config.storageS3) : new LocalDiskStorage(uploadsDir(config));
}

/** Where local uploads live (what a backup takes along). */
export function uploadsDir(config: AppConfig): string {
  return join(config.dataDir, 'uploads');
}

export const objectStorageProvider: Provider = { provide: OBJECT_STORAGE, inject: [APP_CONFIG], useFactory: objectStorageFor };
