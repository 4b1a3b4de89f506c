import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './free-port.js';
import type { AppConfig } from '../config/app-config.js';
import { findMeilisearchBinary, startEmbeddedMeilisearch } from './embedded-meilisearch.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { loadOrCreateSecrets } from './secrets.js';

export interface ResolvedServices {
  config: AppConfig;
  /** Stops whatever was started here (nothing for external services). */
  stop(): Promise<void>;
}

/**
 * The embedded default (DESIGN.md): without DATABASE_URL start PostgreSQL in
 * $DATA_DIR/postgres, without MEILI_HOST start Meilisearch in $DATA_DIR/meili.
 * Returns the config with the addresses filled in.
 */
export async function resolveServices(config: AppConfig, log: (line: string) => void): Promise<ResolvedServices> {
  const stops: Array<() => Promise<void>> = [];
  const secrets = loadOrCreateSecrets(config.dataDir);
  const resolved: AppConfig = { ...config, appSecret: config.appSecret ?? secrets.appSecret };
  // A running `npm start` on this DATA_DIR already owns the services: the CLI and a
  // standalone worker use them instead of starting their own.
  const runningFile = join(config.dataDir, 'running.json');
  if (existsSync(runningFile) && (!config.databaseUrl || !config.meiliHost)) {
    const running = JSON.parse(readFileSync(runningFile, 'utf8')) as { pid: number; databaseUrl?: string; meiliHost?: string };
    if (running.pid !== process.pid && isProcessAlive(running.pid)) {
      log(`using the services of the running instance (pid ${running.pid})`);
      resolved.databaseUrl ??= running.databaseUrl;
      if (!config.meiliHost) {
        resolved.meiliHost = running.meiliHost;
        resolved.meiliMasterKey = secrets.meiliMasterKey;
      }
      return { config: resolved, stop: async () => undefined };
    }
  }
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error) => log(`stop failed: ${String(error)}`));
  };
  try {
    const track = <T extends { stop(): Promise<void> }>(service: T) => {
      stops.push(() => service.stop());
      return service;
    };
    const started = await Promise.allSettled([
      config.databaseUrl
        ? undefined
        : startEmbeddedPostgres({
            dir: join(config.dataDir, 'postgres'),
            password: secrets.postgresPassword,
            database: 'pasar_kerthi',
            onLog: (line) => line && log(`postgres: ${line}`),
          }).then(track),
      config.meiliHost
        ? undefined
        : startEmbeddedMeilisearch({
            binary: findMeilisearchBinary(config.meiliBinary, join(config.dataDir, 'bin')),
            dbPath: join(config.dataDir, 'meili'),
            masterKey: secrets.meiliMasterKey,
            onLog: (line) => line && log(`meilisearch: ${line}`),
          }).then(track),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const [postgres, meili] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined)) as [
      Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined,
      Awaited<ReturnType<typeof startEmbeddedMeilisearch>> | undefined,
    ];
    if (postgres) {
      resolved.databaseUrl = postgres.url('pasar_kerthi');
      log(`embedded PostgreSQL on port ${postgres.port}, data in ${join(config.dataDir, 'postgres')}`);
    }
    if (meili) {
      resolved.meiliHost = meili.host;
      resolved.meiliMasterKey = meili.masterKey;
      log(`embedded Meilisearch at ${meili.host}, data in ${join(config.dataDir, 'meili')}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  if (stops.length > 0) {
    writeFileSync(runningFile, JSON.stringify({ pid: process.pid, databaseUrl: resolved.databaseUrl, meiliHost: config.meiliHost ? undefined : resolved.meiliHost }), { mode: 0o600 });
    stops.unshift(async () => rmSync(runningFile, { force: true }));
  }
  return { config: resolved, stop };
}
