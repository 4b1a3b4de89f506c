// Storefront page benchmark (issue 5): a published storefront with 24 products served by the built
// app (cache warm), against a bare Node `http` server sending the same bytes from memory, in the
// same run. BENCH_CONCURRENCY clients (default 20) for BENCH_SECONDS (default 10). Writes bench/RESULTS.md.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { loadavg } from 'node:os';
import sharp from 'sharp';
import { freePort, load, machine, startApp, writeResultsSection } from './support.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PRODUCTS = 24;
const TITLE = '## Storefront page, 24 products (`bench/storefront.bench.js`)';

async function api(base, path, { token, body, method = body ? 'POST' : 'GET', form } = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: form ?? (body ? JSON.stringify(body) : undefined),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One seller with 24 products (each with a photo) and a published storefront showing them all. */
async function publishStorefront(base) {
  const { token } = await api(base, '/auth/register', { body: { email: 'bench-shop@example.test', password: 'bench-password-1', name: 'Bench', role: 'artisan' } });
  const seller = await api(base, '/sellers', {
    token,
    body: {
      name: 'Tenun Bench Sidemen',
      regency: 'karangasem',
      businessForm: 'individual',
      whatsapp: '+6281234567890',
      story: { id: 'Penenun ikat dari Sidemen sejak 1980.', en: 'Ikat weavers from Sidemen since 1980.' },
    },
  });
  const form = new FormData();
  form.append(
    'file',
    new Blob([
      await sharp({ create: { width: 1280, height: 960, channels: 3, background: { r: 154, g: 52, b: 18 } } })
        .jpeg()
        .toBuffer(),
    ]),
    'foto.jpg',
  );
  const image = await api(base, `/sellers/${seller.id}/media`, { token, method: 'POST', form });
  const categories = await api(base, '/categories');
  const category = categories[0].children?.[0]?.slug ?? categories[0].slug;
  const products = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const product = await api(base, `/sellers/${seller.id}/products`, {
      token,
      body: {
        title: { id: `Kain tenun ikat motif ${i + 1}`, en: `Ikat cloth, pattern ${i + 1}` },
        description: { id: '<p>Tenun tangan.</p>' },
        categorySlug: category,
        price: { amount: (250_000 + i * 5_000) * 100, currency: 'IDR' },
        stock: 10,
        status: 'active',
        images: [image.id],
      },
    });
    products.push(product.id);
  }
  await api(base, `/sellers/${seller.id}/storefront`, {
    token,
    method: 'PUT',
    body: {
      theme: 'warm-craft',
      settings: { primaryColor: '#9a3412' },
      sections: [
        {
          id: 'hero',
          type: 'hero',
          settings: { image: image.id, heading: { id: 'Tenun ikat Sidemen', en: 'Sidemen ikat' }, text: 'Ditenun dengan tangan.', buttonLabel: 'Lihat produk', buttonUrl: '#products' },
        },
        { id: 'products', type: 'product_grid', settings: { source: 'chosen', products, count: 24 } },
        { id: 'featured', type: 'featured_product', settings: { product: products[0] } },
        { id: 'story', type: 'story', settings: { body: { id: '<p>Tiga generasi penenun di Sidemen.</p>' } } },
        { id: 'contact', type: 'contact', settings: { whatsappMessage: 'Halo, saya mau pesan' } },
      ],
    },
  });
  await api(base, `/sellers/${seller.id}/storefront/publish`, { token, method: 'POST' });
  return `${base}/s/${seller.slug}`;
}

/** What a phone's browser asks for; both servers answer it with the same compressed bytes. */
const ACCEPT_ENCODING = 'br, gzip';

/** The page's bytes as they travel (not decoded), with their Content-Encoding. */
function rawGet(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': ACCEPT_ENCODING, 'accept-language': 'id' } }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] ?? 'identity' }));
      })
      .on('error', reject);
  });
}

/** A bare Node http server in its own process, answering every request with `page`'s bytes. */
async function bareServer(page) {
  const port = await freePort();
  const source = `const body = Buffer.from(process.env.BODY, 'base64');
    const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, ...(process.env.ENCODING !== 'identity' ? { 'content-encoding': process.env.ENCODING } : {}) };
    require('node:http').createServer((req, res) => { res.writeHead(200, headers); res.end(body); })
      .listen(${port}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', source], { env: { ...process.env, BODY: page.body.toString('base64'), ENCODING: page.encoding }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

async function main() {
  const app = await startApp();
  try {
    const url = await publishStorefront(app.url);
    const html = await (await fetch(url)).text();
    const sent = await rawGet(url);
    const bytes = { html: Buffer.byteLength(html), sent: sent.body.length, encoding: sent.encoding };
    const get = (target) => async () => {
      const response = await fetch(target, { headers: { 'accept-encoding': ACCEPT_ENCODING, 'accept-language': 'id' } });
      await response.arrayBuffer();
      return response.status === 200;
    };
    const results = [{ name: 'App: `GET /s/:slug` (published, cache warm)', ...(await load(get(url), { concurrency: CONCURRENCY, seconds: SECONDS, pid: app.pid })) }];
    const bare = await bareServer(sent);
    try {
      results.push({ name: 'Baseline: bare Node `http` server, same bytes from memory', ...(await load(get(bare.url), { concurrency: CONCURRENCY, seconds: SECONDS, pid: bare.pid })) });
    } finally {
      bare.stop();
    }
    for (const r of results)
      console.log(`${r.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, errors ${r.errors}, server CPU ${r.cpuMsPerRequest.toFixed(3)} ms/request`);
    record(results, bytes);
  } finally {
    await app.stop();
  }
}

function record(results, bytes) {
  const m = machine();
  const [app, bare] = results;
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}; the load generator (fetch) shares the machine with the servers.`,
    `A warm-craft storefront with hero, 24-product grid, featured product, story and contact; ${CONCURRENCY} concurrent clients, ${SECONDS} s per scenario after a 2 s warm-up.`,
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/request |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.cpuMsPerRequest.toFixed(3)} |`),
    '',
    `- Targets: ≥ 1,000 req/s with the cache warm (measured ${app.rps.toFixed(0)}) and ≥ ⅓ of the bare server (measured ${(app.rps / bare.rps).toFixed(2)}×).`,
    `- Page size: ${(bytes.html / 1024).toFixed(1)} KB of HTML including the inlined theme CSS (target < 60 KB; images excluded); ${(bytes.sent / 1024).toFixed(1)} KB on the wire (${bytes.encoding}), the same bytes for both servers.`,
    '- A request reads no table: the change stamp (seller, live version, profile, products, reviews) stays in memory while database triggers report every change over LISTEN/NOTIFY, and one `SELECT 1` on the listening connection, shared by the requests that arrive while it runs, makes sure every notice of an earlier commit has arrived, so a publish, rollback, suspension or product change shows on the very next request; the page is rendered, encoded and compressed once per seller, version and language, and a browser that has it gets a 304. Server CPU is the app process alone (PostgreSQL and the load generator share the 2 CPUs).',
    `- Machine load (1-minute load average) when the run ended: ${loadavg()[0].toFixed(1)} on ${m.cpus} CPUs.`,
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
