// CSV bulk import benchmark (issue 3): the built app on embedded services in a temp DATA_DIR, a
// BENCH_IMPORT_ROWS-row file (default 10,000: every product has two variants) imported with
// `npm run cli -- import`, then the same file again (every row an update). Writes bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { machine, startApp, writeResultsSection } from './support.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const KINDS = [
  ['endek', 'Kain tenun endek', 'Endek woven cloth', 'katun|pewarna alam', '5208.42'],
  ['perhiasan-perak', 'Cincin perak', 'Silver ring', 'perak 925', '7113.11'],
  ['kopi', 'Kopi arabika Kintamani', 'Kintamani arabica coffee', 'kopi arabika', '0901.21'],
  ['anyaman-rotan', 'Tas rotan bulat', 'Round rattan bag', 'rotan|kulit', '4602.12'],
  ['sabun-spa', 'Sabun sereh', 'Lemongrass soap', 'minyak kelapa|sereh', '3401.11'],
];

function csv(rows) {
  const lines = ['handle,title_id,title_en,description_id,category,price_idr,stock,sku,option1_name,option1_value,materials,weight_grams,hs_code,status'];
  for (let n = 0; n < rows; n++) {
    const product = Math.floor(n / 2);
    const [category, id, en, materials, hs] = KINDS[product % KINDS.length];
    const size = n % 2 === 0 ? 'S' : 'L';
    lines.push(
      `produk-${product},${id} ${product},${en} ${product},"<p>${id} buatan tangan, Bali.</p>",${category},${50_000 + (product % 400) * 1000 + (n % 2) * 25_000},${n % 17},SKU-${product}-${size},Ukuran,${size},${materials},${200 + (product % 9) * 50},${hs},active`,
    );
  }
  return lines.join('\n');
}

function runImport(dataDir, file) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', 'import', '--seller', 'bench-import', file], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`import failed: ${result.stderr}${result.stdout}`);
  const summary = result.stdout
    .trim()
    .split('\n')
    .find((line) => line.startsWith('Import '));
  const seconds = Number(/in ([\d.]+) s/.exec(summary ?? '')?.[1]);
  return { summary, seconds, withStart: (performance.now() - started) / 1000 };
}

async function main() {
  const app = await startApp();
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  try {
    const [{ id: ownerId }] = (await db.query(`INSERT INTO users (email, name, password_hash, roles) VALUES ('import-bench@example.test', 'Bench', 'x', '{artisan}') RETURNING id`)).rows;
    await db.query(`INSERT INTO sellers (owner_id, slug, name, regency, business_form) VALUES ($1, 'bench-import', 'Perajin Bench Impor', 'gianyar', 'individual')`, [ownerId]);
    const file = join(app.dataDir, 'bench-import.csv');
    writeFileSync(file, csv(ROWS));
    const products = Math.ceil(ROWS / 2);
    const first = runImport(app.dataDir, file);
    console.log(`First import: ${first.summary}`);
    const second = runImport(app.dataDir, file);
    console.log(`Re-import: ${second.summary}`);
    const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM products`)).rows;
    if (count !== products) throw new Error(`expected ${products} products, found ${count}`);
    record({ products, first, second });
  } finally {
    await db.end();
    await app.stop();
  }
}

function record({ products, first, second }) {
  const m = machine();
  const rate = (run) => Math.round(products / run.seconds);
  const section = [
    '## Catalogue CSV import (`bench/catalogue-import.bench.js`)',
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, embedded PostgreSQL.`,
    `${ROWS.toLocaleString('en')} rows = ${products.toLocaleString('en')} products with 2 variants each, through \`npm run cli -- import --seller … file.csv\`.`,
    '',
    '| run | import s | products/s | s including CLI start |',
    '| --- | ---: | ---: | ---: |',
    `| new products | ${first.seconds.toFixed(2)} | ${rate(first)} | ${first.withStart.toFixed(1)} |`,
    `| same file again (all updates) | ${second.seconds.toFixed(2)} | ${rate(second)} | ${second.withStart.toFixed(1)} |`,
    '',
    `- Target: ≥ 570 products/s (ten times Vendure's 57/s) and a 10,000-row file under a minute; measured ${rate(first)} products/s.`,
    '- Each chunk of 500 products is one transaction: products, variants, ledger rows and search jobs in a few statements.',
    '',
  ].join('\n');
  writeResultsSection('## Catalogue CSV import', section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
