// Shipping rate lookups (issue 19): the built app on embedded services, three sellers with a product each, and
// `POST /api/v1/shipping/rates` for a cart of one item from each seller (to Jakarta), 16 clients for 10 s:
// once priced from the sellers' zone tables, once from a local Biteship stand-in (a node:http server in this
// process answering `POST /v1/rates/couriers` in Biteship's wire format, at once). Writes bench/RESULTS.md.
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { api, load, machine, startApp, writeResultsSection } from './support.js';

const TITLE = '## Shipping rate lookups, 3-seller cart (`bench/shipping-rates.bench.js`)';
const KEY = 'biteship_bench_key';

function biteshipStandIn() {
  let calls = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      calls++;
      const items = JSON.parse(raw || '{}').items ?? [];
      const kg = Math.max(1, Math.ceil(items.reduce((sum, i) => sum + i.weight * i.quantity, 0) / 1000));
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          success: true,
          object: 'courier_pricing',
          pricing: [
            { courier_code: 'jne', courier_service_code: 'reg', courier_service_name: 'Reguler', price: 18_000 * kg, duration: '2 - 3 days' },
            { courier_code: 'sicepat', courier_service_code: 'reg', courier_service_name: 'Reguler', price: 16_000 * kg, duration: '2 - 4 days' },
            { courier_code: 'pos', courier_service_code: 'kilat', courier_service_name: 'Pos Kilat Khusus', price: 21_000 * kg, duration: '2 - 4 days' },
          ],
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}`, calls: () => calls })));
}

/** Three artisans, each with a seller (ship-from address, zone table) and one active product. */
async function seed(url) {
  const items = [];
  for (let n = 1; n <= 3; n++) {
    const { token } = await api(url, '/auth/register', { body: { email: `bench-shipper-${n}@example.test`, password: 'correct-horse-1', name: `Perajin ${n}`, role: 'artisan' } });
    const seller = await api(url, '/sellers', { token, body: { name: `Toko Bench ${n}`, regency: 'gianyar', businessForm: 'individual' } });
    await api(url, `/sellers/${seller.id}`, { token, method: 'PATCH', body: { shipFrom: { line1: 'Jl. Raya Ubud 1', city: 'Gianyar', postalCode: '80571', phone: '+6281234567890' } } });
    await api(url, `/sellers/${seller.id}/shipping-rates`, {
      token,
      method: 'PUT',
      body: {
        rates: [
          { zone: 'java', service: 'reguler', firstKg: { amount: 2_000_000, currency: 'IDR' }, perKg: { amount: 1_000_000, currency: 'IDR' } },
          { zone: 'java', service: 'kilat', firstKg: { amount: 4_000_000, currency: 'IDR' }, perKg: { amount: 2_000_000, currency: 'IDR' } },
        ],
      },
    });
    const product = await api(url, `/sellers/${seller.id}/products`, {
      token,
      body: {
        title: { id: `Keranjang ${n}` },
        description: { id: 'Anyaman bambu.' },
        categorySlug: 'anyaman-bambu',
        price: { amount: 15_000_000, currency: 'IDR' },
        stock: 50,
        status: 'active',
        weightGrams: 400 * n,
        lengthCm: 30,
        widthCm: 20,
        heightCm: 15,
      },
    });
    items.push({ productId: product.id, quantity: n });
  }
  return items;
}

async function scenario(name, env) {
  const app = await startApp({ RATE_LIMIT_FACTOR: '1000', ...env });
  try {
    const items = await seed(app.url);
    const body = JSON.stringify({ items, destination: { country: 'ID', postalCode: '10110' } });
    const check = await api(app.url, '/shipping/rates', { body: JSON.parse(body) });
    const couriers = [...new Set(check.sellers.flatMap((s) => s.options.map((o) => o.courier)))];
    console.log(`${name}: ${check.sellers.length} sellers, couriers ${couriers.join(', ')}`);
    if (check.sellers.length !== 3) throw new Error('expected options for 3 sellers');
    const result = await load(
      async () => {
        const response = await fetch(`${app.url}/api/v1/shipping/rates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await response.arrayBuffer();
        return response.status === 200;
      },
      { concurrency: 16, seconds: 10, pid: app.pid },
    );
    console.log(`${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.errors} errors`);
    return { name, couriers, ...result };
  } finally {
    await app.stop();
  }
}

async function main() {
  const loadBefore = loadavg()[0];
  const standIn = await biteshipStandIn();
  try {
    const rows = [await scenario('zone tables (no provider)', {}), await scenario('Biteship stand-in (3 rate calls per lookup)', { BITESHIP_API_KEY: KEY, BITESHIP_API_BASE: standIn.base })];
    const m = machine();
    writeResultsSection(
      TITLE,
      [
        TITLE,
        '',
        `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, embedded PostgreSQL; the load generator and the Biteship stand-in share the machine with the app (1-minute load average ${loadBefore.toFixed(1)} before the run: other work on the machine slows every figure).`,
        '`POST /api/v1/shipping/rates` for one product from each of 3 sellers (1, 2 and 3 units, 30 × 20 × 15 cm) to Jakarta, 16 concurrent clients, 10 s after a 2 s warm-up.',
        '',
        '| source | couriers | lookups/s | p50 ms | p95 ms | p99 ms | server CPU ms/lookup | errors |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(
          (r) => `| ${r.name} | ${r.couriers.join(', ')} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.cpuMsPerRequest.toFixed(2)} | ${r.errors} |`,
        ),
        '',
        `- Each lookup reads the three products, their variants and the sellers' suspensions, then either the zone tables or, with Biteship, the sellers' ship-from addresses and three rate calls in parallel (the zone tables only for a seller Biteship did not price) (${standIn.calls().toLocaleString('en')} stand-in calls in all).`,
        '- A real Biteship answers in tens to hundreds of milliseconds: lookups then wait on it, not on this server; past 2 s the zone table answers instead.',
        '',
      ].join('\n'),
    );
  } finally {
    standIn.server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
