// Public pages benchmark (issue 23): the home, product, category, search, seller profile and seller
// directory pages as a visitor without a session sees them, each against a bare Node `http` server
// sending the same bytes from memory, and the product and search pages as signed-in buyers see them
// (their own header and CSRF token in every page), all served by the built app with its store warm,
// loaded in turns by autocannon (BENCH_CONNECTIONS, default 32) for BENCH_SECONDS (default 5) per
// turn, over BENCH_ROUNDS rounds (default 3), so a busy machine weighs on every server alike.
// Writes bench/RESULTS.md.
import { loadavg } from 'node:os';
import { api, bareServer, hammer, machine, rawGet, sellerWithProducts, startApp, writeResultsSection } from './support.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PRODUCTS = 12;
/** Signed-in buyers taking turns on each connection: each has their own session, header and token. */
const BUYERS = 16;
const TITLE = '## Public pages, anonymous and signed-in visitors (`bench/pages.bench.js`)';
/** What a phone's browser sends; every server answers it with the same compressed bytes. */
const HEADERS = { accept: 'text/html', 'accept-encoding': 'br, gzip', 'accept-language': 'id' };

/** Signs a user in through the /login form, as a browser does; returns its Cookie header. */
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

/** A seller with 12 products (the home page's newest) and signed-in buyers; returns the pages' paths and the buyers' cookies. */
async function seed(base) {
  const { seller, productIds: ids } = await sellerWithProducts(base, {
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
  const product = await api(base, `/products/${ids[0]}`);
  const cookies = [];
  for (let i = 0; i < BUYERS; i++) {
    const email = `bench-buyer-${i}@example.test`;
    await api(base, '/auth/register', { body: { email, password: 'bench-password-1', name: `Pembeli Bench ${i + 1}`, role: 'buyer' } });
    cookies.push(await signIn(base, email, 'bench-password-1'));
  }
  // The search index is written by the worker after the products' commits.
  for (let tries = 0; (await api(base, '/catalogue?q=keranjang')).total < PRODUCTS; tries++) {
    if (tries > 100) throw new Error('the products never reached the search index');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    paths: {
      home: '/',
      product: `/products/${ids[0]}`,
      category: `/categories/${product.categorySlug}`,
      search: '/search?q=keranjang',
      profile: `/sellers/${seller.slug}`,
      directory: '/sellers',
    },
    cookies,
  };
}

async function main() {
  const app = await startApp();
  const bares = [];
  try {
    const { paths, cookies } = await seed(app.url);
    const pages = [
      { label: 'Home `GET /`', url: `${app.url}${paths.home}` },
      { label: 'Product `GET /products/:id`', url: `${app.url}${paths.product}` },
      { label: 'Category `GET /categories/:slug`', url: `${app.url}${paths.category}` },
      { label: 'Search `GET /search?q=keranjang`', url: `${app.url}${paths.search}` },
      { label: 'Seller profile `GET /sellers/:slug`', url: `${app.url}${paths.profile}` },
      { label: 'Seller directory `GET /sellers`', url: `${app.url}${paths.directory}` },
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
        { page, name: `Bare Node \`http\` server, same ${page.label.split(' `')[0].toLowerCase()} bytes`, url: bare.url, pid: bare.pid, bare: true },
      );
    }
    // Signed in, every request carries one of the buyers' sessions in turn; compared with the anonymous page's bare server.
    for (const page of pages.filter((p) => /Product|Search/.test(p.label))) {
      for (const cookie of cookies) await rawGet(page.url, { ...HEADERS, cookie });
      targets.push({
        page,
        name: `App: ${page.label}, signed in (${BUYERS} buyers' sessions in turn)`,
        url: page.url,
        pid: app.pid,
        requests: cookies.map((cookie) => ({ method: 'GET', headers: { ...HEADERS, cookie } })),
        signedIn: true,
      });
    }
    const turns = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, target] of targets.entries()) {
        const result = await hammer(target.url, { connections: CONNECTIONS, seconds: SECONDS, pid: target.pid, headers: HEADERS, requests: target.requests });
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
  const short = (page) => page.label.split(' `')[0].toLowerCase();
  const anonymous = pages.map((p) => `${short(p)} ${(results.find((r) => r.page === p && !r.bare && !r.signedIn).rps / bareOf(p).rps).toFixed(2)}×`);
  const signedIn = results.filter((r) => r.signedIn).map((r) => `${short(r.page)} ${r.rps.toFixed(0)} req/s`);
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}; autocannon (${CONNECTIONS} connections) runs in the bench process on the same machine (1-minute load average ${loadavg()[0].toFixed(1)} when the run ended; anything else running weighs on every server alike, since the servers take turns).`,
    `Demo-size data: one seller with ${PRODUCTS} products, ${BUYERS} signed-in buyers. Anonymous: no cookies, \`Accept-Encoding: br, gzip\`. Signed in: each connection sends the ${BUYERS} buyers' session cookies in turn. The servers take turns: ${ROUNDS} rounds of ${SECONDS} s each after a 1 s warm-up; the table gives the mean of the rounds (req/s of each round in brackets).`,
    '',
    '| server | req/s | p50 ms | p97.5 ms | errors | server CPU ms/request | / bare server |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} (${r.rounds.map((x) => x.rps.toFixed(0)).join(', ')}) | ${r.p50.toFixed(1)} | ${r.p97_5.toFixed(1)} | ${r.errors} | ${r.cpuMsPerRequest.toFixed(3)} | ${(r.rps / bareOf(r.page).rps).toFixed(2)}× |`,
    ),
    '',
    `- Targets (issue 23): each anonymous page ≥ ⅓ of the bare server, measured ${anonymous.join(', ')}; the signed-in product page ≥ 1,000 req/s, measured ${signedIn.join(', ')}.`,
    `- On the wire: ${pages.map((p) => `${short(p)} ${(p.bytes.sent / 1024).toFixed(1)} KB (${p.bytes.encoding})`).join(', ')}, the same bytes for the app and its bare server. A signed-in page is compressed per request at the fastest Brotli level (it holds the visitor's own header and token), so its bytes differ.`,
    '- Anonymous: `PublicPages` keeps each page per language (and a search page per query) as stored bytes with gzip and Brotli forms, sent by the front door before the framework (its observers still time, log and count each request: product views, search impressions; the security headers are the ones helmet sets, read once). Signed in: the same stored page, kept as text with holes, goes through the framework (session guard, CSRF token) and gets the visitor\'s header, token and "write a review" link put in; the session and the review prompt come from memory (`pk_session`, `pk_review_prompt` notices), so the request reads no table.',
    '- A request of either kind reads no table: `pk_public_page` notices, sent in the transaction of every change a page shows, empty the store (a search index write empties only the search pages), and one `SELECT 1` on the listening connection, shared by the requests that arrive while it runs, makes sure every notice of an earlier commit has arrived. Server CPU is each server process alone (PostgreSQL and the load generator share the CPUs).',
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
