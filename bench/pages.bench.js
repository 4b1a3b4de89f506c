// Public pages benchmark (issue 23): the home page and a product page as a visitor without a session
// sees them, served by the built app (stored pages warm), each against a bare Node `http` server
// sending the same bytes from memory, loaded in turns by autocannon (BENCH_CONNECTIONS, default 32)
// for BENCH_SECONDS (default 5) per turn, over BENCH_ROUNDS rounds (default 3), so a busy machine
// weighs on every server alike. Writes bench/RESULTS.md.
import { loadavg } from 'node:os';
import { bareServer, hammer, machine, rawGet, sellerWithProducts, startApp, writeResultsSection } from './support.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PRODUCTS = 12;
const TITLE = '## Home and product pages, anonymous visitor (`bench/pages.bench.js`)';
/** What a phone's browser sends; every server answers it with the same compressed bytes. */
const HEADERS = { accept: 'text/html', 'accept-encoding': 'br, gzip', 'accept-language': 'id' };

/** Signs the bench's artisan in through the /login form, as a browser does; returns its Cookie header. */
async function signIn(base, email, password) {
  const cookies = (response) => response.headers.getSetCookie().map((c) => c.split(';')[0]);
  const form = await fetch(`${base}/login`, { headers: { accept: 'text/html' } });
  const jar = cookies(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())[1];
  const signedIn = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, email, password, next: '/' }),
  });
  if (signedIn.status !== 303) throw new Error(`sign-in: ${signedIn.status}`);
  return [...jar, ...cookies(signedIn)].join('; ');
}

/** A seller with 12 products (the home page's newest); returns the first product's page. */
async function seed(base) {
  const { productIds: ids } = await sellerWithProducts(base, {
    email: 'bench-pages@example.test',
    seller: { name: 'Anyaman Bench Tabanan', regency: 'tabanan', businessForm: 'individual' },
    count: PRODUCTS,
    product: (i, categorySlug) => ({
      title: { id: `Keranjang bambu anyam ${i + 1}`, en: `Woven bamboo basket ${i + 1}` },
      description: { id: '<p>Dianyam dengan tangan di Tabanan.</p>', en: '<p>Hand-woven in Tabanan.</p>' },
      categorySlug,
      price: { amount: (150_000 + i * 5_000) * 100, currency: 'IDR' },
      stock: 10,
    }),
  });
  return { url: `${base}/products/${ids[0]}`, cookie: await signIn(base, 'bench-pages@example.test', 'bench-password-1') };
}

async function main() {
  const app = await startApp();
  const bares = [];
  try {
    const product = await seed(app.url);
    const pages = [
      { label: 'Home `GET /`', url: `${app.url}/` },
      { label: 'Product `GET /products/:id`', url: product.url },
    ];
    const targets = [];
    for (const page of pages) {
      // The first request renders and stores the page; the bare server gets the bytes the app then sends.
      await rawGet(page.url, HEADERS);
      const sent = await rawGet(page.url, HEADERS);
      const bare = await bareServer(sent);
      bares.push(bare);
      page.bytes = { sent: sent.body.length, encoding: sent.encoding };
      targets.push(
        { page, name: `App: ${page.label}`, url: page.url, pid: app.pid },
        { page, name: `Bare Node \`http\` server, same ${page.label.split(' ')[0].toLowerCase()} bytes`, url: bare.url, pid: bare.pid, bare: true },
      );
    }
    // Signed in, the page is rendered for the visitor on every request (their header, their cart): compared with the anonymous page's bare server.
    targets.push({
      page: pages[1],
      name: 'App: Product `GET /products/:id`, signed in (session cookie)',
      url: product.url,
      pid: app.pid,
      headers: { ...HEADERS, cookie: product.cookie },
      signedIn: true,
    });
    const turns = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, target] of targets.entries()) {
        const result = await hammer(target.url, { connections: CONNECTIONS, seconds: SECONDS, pid: target.pid, headers: target.headers ?? HEADERS });
        turns[i].push(result);
        console.log(
          `round ${round + 1}: ${target.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p97.5 ${result.p97_5} ms, errors ${result.errors}, CPU ${result.cpuMsPerRequest.toFixed(3)} ms/request`,
        );
      }
    }
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    const results = targets.map((target, i) => ({
      ...target,
      rps: mean(turns[i].map((r) => r.rps)),
      p50: mean(turns[i].map((r) => r.p50)),
      p97_5: mean(turns[i].map((r) => r.p97_5)),
      errors: turns[i].reduce((sum, r) => sum + r.errors, 0),
      cpuMsPerRequest: mean(turns[i].map((r) => r.cpuMsPerRequest)),
      rounds: turns[i],
    }));
    record(results, pages);
  } finally {
    for (const bare of bares) bare.stop();
    await app.stop();
  }
}

function record(results, pages) {
  const m = machine();
  const bareOf = (page) => results.find((r) => r.page === page && r.bare);
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}; autocannon (${CONNECTIONS} connections) runs in the bench process on the same machine, which other sessions were using at the same time (their builds and tests weigh on every server alike, since the servers take turns).`,
    `A visitor without a session or cart (no cookies, \`Accept-Encoding: br, gzip\`): the home page with ${PRODUCTS} products and a product page. The servers take turns: ${ROUNDS} rounds of ${SECONDS} s each after a 1 s warm-up; the table gives the mean of the rounds (req/s of each round in brackets).`,
    '',
    '| server | req/s | p50 ms | p97.5 ms | errors | server CPU ms/request | / bare server |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} (${r.rounds.map((x) => x.rps.toFixed(0)).join(', ')}) | ${r.p50.toFixed(1)} | ${r.p97_5.toFixed(1)} | ${r.errors} | ${r.cpuMsPerRequest.toFixed(3)} | ${(r.rps / bareOf(r.page).rps).toFixed(2)}× |`,
    ),
    '',
    `- Target (issue 23): each anonymous page ≥ ⅓ of the bare server; measured ${pages.map((p) => `${p.label.split(' ')[0].toLowerCase()} ${(results.find((r) => r.page === p && !r.bare && !r.signedIn).rps / bareOf(p).rps).toFixed(2)}×`).join(', ')}; signed-in product page ≥ 1,000 req/s, measured ${results.find((r) => r.signedIn).rps.toFixed(0)}.`,
    `- On the wire: ${pages.map((p) => `${p.label.split(' ')[0].toLowerCase()} ${(p.bytes.sent / 1024).toFixed(1)} KB (${p.bytes.encoding})`).join(', ')}, the same bytes for the app and its bare server.`,
    '- Before this work (issue 23, demo data, same machine on a quieter day): home 416 req/s, product page 359. A product page also counts the visit (VisitCounter writes it after the response), which the bare server does not.',
    '- `PublicPages` keeps each page per language as stored bytes with gzip and Brotli forms and serves it before the framework (after the security headers and the visit counter); a request reads no table: `pk_public_page` notices, sent in the transaction of every change a page shows, empty the store, and one `SELECT 1` on the listening connection, shared by the requests that arrive while it runs, makes sure every notice of an earlier commit has arrived. Server CPU is each server process alone (PostgreSQL and the load generator share the CPUs).',
    `- Machine load (1-minute load average) when the run ended: ${loadavg()[0].toFixed(1)} on ${m.cpus} CPUs.`,
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
