// Storefront page benchmark (issue 5): a published storefront with 24 products served by the built
// app (cache warm), against a bare Node `http` server sending the same bytes from memory, loaded in
// turns by autocannon (BENCH_CONNECTIONS, default 32) for BENCH_SECONDS (default 5) per turn, over
// BENCH_ROUNDS rounds (default 3), so a busy machine weighs on every server alike.
// BENCH_COMPARE_DIR: another built tree of the project (e.g. a worktree of an older commit, after
// `npm ci && npm run build` there), started beside this one and loaded in the same turns.
// Writes bench/RESULTS.md.
import { loadavg } from 'node:os';
import sharp from 'sharp';
import { api, bareServer, hammer, machine, rawGet, startApp, writeResultsSection } from './support.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COMPARE_DIR = process.env.BENCH_COMPARE_DIR;
const PRODUCTS = 24;
const TITLE = '## Storefront page, 24 products (`bench/storefront.bench.js`)';

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

/** A served page: its app, its URL and the bytes it sends. */
async function serve(label, cwd) {
  const app = await startApp({}, { cwd });
  const url = await publishStorefront(app.url);
  const html = await (await fetch(url)).text();
  const sent = await rawGet(url, { 'accept-encoding': ACCEPT_ENCODING, 'accept-language': 'id' });
  return { label, app, url, sent, bytes: { html: Buffer.byteLength(html), sent: sent.body.length, encoding: sent.encoding } };
}

async function main() {
  const servers = [await serve('App: `GET /s/:slug` (published, cache warm)')];
  try {
    if (COMPARE_DIR) servers.push(await serve(`Same page from ${COMPARE_DIR} (${process.env.BENCH_COMPARE_LABEL ?? 'compared tree'})`, COMPARE_DIR));
    const bare = await bareServer(servers[0].sent);
    const targets = [...servers.map((s) => ({ name: s.label, url: s.url, pid: s.app.pid })), { name: 'Baseline: bare Node `http` server, same bytes from memory', url: bare.url, pid: bare.pid }];
    const turns = targets.map(() => []);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, target] of targets.entries()) {
          const result = await hammer(target.url, { connections: CONNECTIONS, seconds: SECONDS, pid: target.pid, headers: { 'accept-encoding': ACCEPT_ENCODING, 'accept-language': 'id' } });
          turns[i].push(result);
          console.log(
            `round ${round + 1}: ${target.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p97.5 ${result.p97_5} ms, errors ${result.errors}, CPU ${result.cpuMsPerRequest.toFixed(3)} ms/request`,
          );
        }
      }
    } finally {
      bare.stop();
    }
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    const results = targets.map((target, i) => ({
      name: target.name,
      rps: mean(turns[i].map((r) => r.rps)),
      p50: mean(turns[i].map((r) => r.p50)),
      p97_5: mean(turns[i].map((r) => r.p97_5)),
      errors: turns[i].reduce((sum, r) => sum + r.errors, 0),
      cpuMsPerRequest: mean(turns[i].map((r) => r.cpuMsPerRequest)),
      rounds: turns[i],
    }));
    record(results, servers[0].bytes);
  } finally {
    for (const s of servers) await s.app.stop();
  }
}

function record(results, bytes) {
  const m = machine();
  const app = results[0];
  const bare = results.at(-1);
  const compared = results.length > 2 ? results[1] : null;
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}; autocannon (${CONNECTIONS} connections) runs in the bench process on the same machine.`,
    `A warm-craft storefront with hero, 24-product grid, featured product, story and contact. The servers take turns: ${ROUNDS} rounds of ${SECONDS} s each after a 1 s warm-up; the table gives the mean of the rounds (req/s of each round in brackets).`,
    '',
    '| server | req/s | p50 ms | p97.5 ms | errors | server CPU ms/request | / bare server |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} (${r.rounds.map((x) => x.rps.toFixed(0)).join(', ')}) | ${r.p50.toFixed(1)} | ${r.p97_5.toFixed(1)} | ${r.errors} | ${r.cpuMsPerRequest.toFixed(3)} | ${(r.rps / bare.rps).toFixed(2)}× |`,
    ),
    '',
    `- Targets: ≥ 1,000 req/s with the cache warm (measured ${app.rps.toFixed(0)}) and ≥ ⅓ of the bare server (measured ${(app.rps / bare.rps).toFixed(2)}×).`,
    ...(compared
      ? [`- This tree against the compared tree: ${(app.rps / compared.rps).toFixed(2)}× the requests per second, ${(app.cpuMsPerRequest / compared.cpuMsPerRequest).toFixed(2)}× the CPU per request.`]
      : []),
    `- Page size: ${(bytes.html / 1024).toFixed(1)} KB of HTML including the inlined theme CSS (target < 60 KB; images excluded); ${(bytes.sent / 1024).toFixed(1)} KB on the wire (${bytes.encoding}), the same bytes for every server.`,
    '- A request reads no table: the change stamp (seller, live version, profile, products, reviews) stays in memory while `pk_storefront` notices report every change over LISTEN/NOTIFY, and one `SELECT 1` on the listening connection, shared by the requests that arrive while it runs, makes sure every notice of an earlier commit has arrived, so a publish, rollback, suspension or product change shows on the very next request; the page is rendered, encoded and compressed once per seller, version and language, and a browser that has it gets a 304. Server CPU is each server process alone (PostgreSQL and the load generator share the CPUs).',
    `- Machine load (1-minute load average) when the run ended: ${loadavg()[0].toFixed(1)} on ${m.cpus} CPUs.`,
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
