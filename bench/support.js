// Shared helpers for benchmarks: start the built app on embedded services, load HTTP, summarise latencies.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Calls the app's JSON API (`/api/v1` + path) as a client would: a bearer `token`, a JSON `body` (POST
 * unless `method` says otherwise) or a multipart `form`; throws on any answer but 2xx.
 */
export async function api(base, path, { token, body, method = body ? 'POST' : 'GET', form } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: form ?? (body ? JSON.stringify(body) : undefined),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/**
 * An artisan (`email`, password `bench-password-1`) with a seller (`seller`: the POST /sellers body)
 * and `count` active products in the first leaf category, `product(i, categorySlug)` giving each body.
 * Returns the artisan's token, the seller and the product ids, in order.
 */
export async function sellerWithProducts(base, { email, seller: sellerBody, count, product }) {
  const { token } = await api(base, '/auth/register', { body: { email, password: 'bench-password-1', name: 'Bench', role: 'artisan' } });
  const seller = await api(base, '/sellers', { token, body: sellerBody });
  const categories = await api(base, '/categories');
  const category = categories[0].children?.[0]?.slug ?? categories[0].slug;
  const productIds = [];
  for (let i = 0; i < count; i++) productIds.push((await api(base, `/sellers/${seller.id}/products`, { token, body: { status: 'active', ...product(i, category) } })).id);
  return { token, seller, productIds };
}

/**
 * `npm start` of dist/ in a throwaway DATA_DIR; returns its URL, its services' addresses and a stop().
 * `cwd`: another built tree of the project (a before/after comparison), default this one.
 */
export async function startApp(env = {}, { cwd } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pk-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/web/src/main.js'], {
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  while (!output.includes('is ready')) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}): ${output}`);
    if (Date.now() - started > 120_000) throw new Error('app did not start in 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const running = JSON.parse(readFileSync(join(dataDir, 'running.json'), 'utf8'));
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    dataDir,
    databaseUrl: running.databaseUrl,
    meiliHost: running.meiliHost,
    meiliKey: secrets.meiliMasterKey,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page's bytes as they travel (not decoded), with their Content-Encoding. */
export function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] ?? 'identity' }));
      })
      .on('error', reject);
  });
}

/** A bare Node http server in its own process, answering every request with `page`'s bytes (from rawGet): the ceiling for a page served from memory. */
export async function bareServer(page) {
  const port = await freePort();
  const source = `const body = Buffer.from(process.env.BODY, 'base64');
    const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, ...(process.env.ENCODING !== 'identity' ? { 'content-encoding': process.env.ENCODING } : {}) };
    require('node:http').createServer((req, res) => { res.writeHead(200, headers); res.end(body); })
      .listen(${port}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', source], { env: { ...process.env, BODY: page.body.toString('base64'), ENCODING: page.encoding }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/**
 * Runs `request()` from `concurrency` loops for `seconds`; returns req/s and latency percentiles (ms),
 * and with `pid` the server's CPU milliseconds per request, which other load on the machine barely moves.
 */
export async function load(request, { concurrency = 10, seconds = 10, warmup = 2, pid } = {}) {
  const until = Date.now() + warmup * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) await request();
    }),
  );
  const latencies = [];
  let errors = 0;
  const start = performance.now();
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        const ok = await request().catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpuMsPerRequest = pid ? ((cpuSeconds(pid) - cpuBefore) * 1000) / latencies.length : undefined;
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, cpuMsPerRequest, ...percentiles(latencies) };
}

/**
 * Loads `url` with autocannon (`connections` keep-alive connections, `seconds` after a 1 s warm-up),
 * a client that saturates a bare Node server on this machine, so the figures are the server's.
 * With `pid`, also the server's CPU milliseconds per request.
 */
export async function hammer(url, { connections = 32, seconds = 10, headers = {}, requests: sequence, pid } = {}) {
  // `requests`: autocannon's per-connection sequence (e.g. the same page with several visitors' cookies), cycled.
  await autocannon({ url, connections, duration: 1, headers, requests: sequence });
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const result = await autocannon({ url, connections, duration: seconds, headers, requests: sequence });
  const requests = result.requests.total;
  return {
    requests,
    errors: result.errors + result.non2xx,
    rps: requests / seconds,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    cpuMsPerRequest: pid ? ((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, requests) : undefined,
  };
}

export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

export function machine() {
  return { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); clock ticks are 1/100 s. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Replaces the section of bench/RESULTS.md that starts with `title` (or appends it): each scenario keeps one section. */
export function writeResultsSection(title, section) {
  const file = new URL('./RESULTS.md', import.meta.url);
  let current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\nRecorded by `npm run bench`; each scenario rewrites its own section.\n\n';
  const start = current.indexOf(title);
  if (start >= 0) {
    const next = current.indexOf('\n## ', start + 1);
    current = current.slice(0, start) + (next >= 0 ? current.slice(next + 1) : '');
  }
  writeFileSync(file, `${current.trimEnd()}\n\n${section}`);
}
