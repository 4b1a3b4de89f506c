import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets generated once per DATA_DIR and kept there (mode 600), so a second start reuses the data. */
export interface LocalSecrets {
  postgresPassword: string;
  meiliMasterKey: string;
  appSecret: string;
}

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const existing: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets: LocalSecrets = {
    postgresPassword: existing.postgresPassword ?? randomBytes(18).toString('base64url'),
    meiliMasterKey: existing.meiliMasterKey ?? randomBytes(24).toString('base64url'),
    appSecret: existing.appSecret ?? randomBytes(32).toString('base64url'),
  };
  if (JSON.stringify(existing) !== JSON.stringify(secrets)) {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
