// Checkout benchmark (issue 22): the built app on embedded PostgreSQL in a temp DATA_DIR; BENCH_BUYERS
// buyers (default 64) each put one of 20 products of one seller in the cart and check out by bank
// transfer (two HTTP requests: POST /cart/items, POST /checkout), with 1, 8 and 32 buyers at once
// (BENCH_CONCURRENCY) for BENCH_SECONDS each (default 10) after a 2 s warm-up. A checkout is a few
// round trips of multi-step work per buyer, so the load comes from `fetch` loops (support.js `load`),
// far below what that client can send. Baseline in the same run: the least a checkout must write as
// plain SQL through `pg` (BEGIN, take one unit of stock, insert an order row, COMMIT) at the same
// concurrency. Writes bench/RESULTS.md.
import { loadavg } from 'node:os';
import pg from 'pg';
import { api, load, machine, sellerWithProducts, startApp, writeResultsSection } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 64);
const PRODUCTS = 20;
const TITLE = '## Checkout (`bench/checkout.bench.js`)';
const ADDRESS = { name: 'Ni Luh Putu', line1: 'Jl. Raya Ubud 8', city: 'Gianyar', postalCode: '80571', country: 'ID' };

/** One seller with 20 products in deep stock, and the buyers. */
async function prepare(base) {
  const { productIds: products } = await sellerWithProducts(base, {
    email: 'bench-seller@example.test',
    seller: { name: 'Anyaman Bench Tenganan', regency: 'karangasem', businessForm: 'individual' },
    count: PRODUCTS,
    product: (i, categorySlug) => ({
      title: { id: `Keranjang ata ${i + 1}` },
      description: { id: 'Anyaman tangan.' },
      categorySlug,
      price: { amount: 15_000_000, currency: 'IDR' },
      stock: 100_000,
      weightGrams: 400,
    }),
  });
  const buyers = [];
  for (let i = 0; i < BUYERS; i++) {
    const buyer = await api(base, '/auth/register', { body: { email: `bench-buyer-${i}@example.test`, password: 'bench-password-1', name: `Pembeli ${i}`, role: 'buyer' } });
    buyers.push(buyer.token);
  }
  return { products, buyers };
}

/** The least a checkout writes, as plain SQL: take a unit of stock and record an order, in one transaction. */
async function baseline(databaseUrl, products, { concurrency }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_plain_orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, product_id uuid NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  let n = 0;
  const result = await load(
    async () => {
      const client = await pool.connect();
      try {
        const productId = products[n++ % products.length];
        await client.query('BEGIN');
        await client.query(`UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock > 0`, [productId]);
        await client.query(`INSERT INTO bench_plain_orders (product_id, amount) VALUES ($1, 15000000)`, [productId]);
        await client.query('COMMIT');
        return true;
      } finally {
        client.release();
      }
    },
    { concurrency, seconds: SECONDS },
  );
  await pool.end();
  return result;
}

async function main() {
  const app = await startApp({ RATE_LIMIT_FACTOR: '1000' });
  try {
    const { products, buyers } = await prepare(app.url);
    const rows = [];
    let n = 0;
    for (const concurrency of LEVELS) {
      // A buyer is taken from the free ones for each checkout and given back after, so no two requests share a cart.
      const free = buyers.slice(0, Math.max(concurrency, 1));
      const checkout = async () => {
        const token = free.pop();
        const productId = products[n++ % products.length];
        try {
          await api(app.url, '/cart/items', { token, body: { productId, quantity: 1 } });
          const placed = await api(app.url, '/checkout', { token, body: { paymentMethod: 'bank_transfer', shippingAddress: ADDRESS } });
          return placed.orders.length === 1;
        } finally {
          free.push(token);
        }
      };
      const measured = await load(checkout, { concurrency, seconds: SECONDS, pid: app.pid });
      const plain = await baseline(app.databaseUrl, products, { concurrency });
      rows.push({ concurrency, app: measured, plain });
      console.log(
        `${concurrency} buyers: ${measured.rps.toFixed(0)} checkouts/s (p95 ${measured.p95.toFixed(1)} ms, errors ${measured.errors}, CPU ${measured.cpuMsPerRequest.toFixed(2)} ms); plain SQL ${plain.rps.toFixed(0)} tx/s`,
      );
    }
    record(rows);
  } finally {
    await app.stop();
  }
}

function record(rows) {
  const m = machine();
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, embedded PostgreSQL; the load generator shares the machine.`,
    `A checkout = add one product to the cart, then \`POST /checkout\` by bank transfer (stock reserved, order, payment with its PK- reference, events and notifications queued in the same transaction); ${BUYERS} buyers, 20 products of one seller, ${SECONDS} s per level after a 2 s warm-up. Baseline: plain SQL in the same run (take one unit of stock, insert an order row, one transaction), same concurrency.`,
    '',
    '| buyers at once | checkouts | checkouts/s | p50 ms | p95 ms | p99 ms | errors | app CPU ms/checkout | plain SQL tx/s | app / plain |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ({ concurrency, app, plain }) =>
        `| ${concurrency} | ${app.requests} | ${app.rps.toFixed(0)} | ${app.p50.toFixed(1)} | ${app.p95.toFixed(1)} | ${app.p99.toFixed(1)} | ${app.errors} | ${app.cpuMsPerRequest.toFixed(2)} | ${plain.rps.toFixed(0)} | ${(app.rps / plain.rps).toFixed(2)}× |`,
    ),
    '',
    '- Every order of one seller takes stock from the same 20 product rows, so checkouts queue on those rows at high concurrency, as a sale-day crowd on one artisan would.',
    `- Machine load (1-minute load average) when the run ended: ${loadavg()[0].toFixed(1)} on ${m.cpus} CPUs.`,
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
