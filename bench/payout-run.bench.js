// Payout run benchmark (issue 17): the built app on embedded PostgreSQL in a temp DATA_DIR, with
// BENCH_SELLERS sellers (default 10,000) that each have an available balance (posted directly in SQL:
// one balanced ledger transaction per seller, clearing → the seller's `available`) and a payout
// account changed more than 3 days ago; then `PayoutsService.run` (taken from a Nest application
// context of the built modules, as `npm run cli` does) is timed twice: the first pays every seller,
// the second must pay nothing. Checks the trial balance is zero. Writes bench/RESULTS.md.
import { loadavg } from 'node:os';
import pg from 'pg';
import { machine, startApp, writeResultsSection } from './support.js';

const SELLERS = Number(process.env.BENCH_SELLERS ?? 10_000);
const TITLE = '## Payout run (`bench/payout-run.bench.js`)';

async function nestContext(dataDir) {
  process.env.DATA_DIR = dataDir;
  const { NestFactory } = await import('@nestjs/core');
  const platform = await import('#libs/platform');
  const { WorkerModule } = await import('../dist/apps/worker/src/worker.module.js');
  const ledger = await import('#libs/ledger');
  const services = await platform.resolveServices(platform.loadConfigOrExit(), () => undefined);
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(services.config, platform.createLogger('warn')), { logger: false });
  return {
    ctx,
    ledger,
    config: services.config,
    close: async () => {
      await ctx.close();
      await services.stop();
    },
  };
}

/** Sellers' available balances and payout accounts, in one SQL transaction (the ledger's triggers still check every row). */
async function seed(db) {
  const started = performance.now();
  await db.query('BEGIN');
  await db.query(
    `CREATE TEMP TABLE bench_sellers ON COMMIT DROP AS
    SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS tx, (100000 + (n * 7919) % 5000000) * 100 + n % 100 AS amount
    FROM generate_series(1, $1) n`,
    [SELLERS],
  );
  await db.query(`INSERT INTO ledger_accounts (code, owner_type, owner_id, kind, normal_side)
    VALUES ('platform:clearing:bank_transfer', 'platform', NULL, 'clearing', 'debit') ON CONFLICT (code) DO NOTHING`);
  await db.query(`INSERT INTO ledger_accounts (code, owner_type, owner_id, kind, normal_side)
    SELECT 'seller:' || id || ':available', 'seller', id, 'available', 'credit' FROM bench_sellers`);
  await db.query(`INSERT INTO ledger_transactions (id, idempotency_key, kind, description)
    SELECT tx, 'bench:opening:' || id, 'adjustment', 'Bench opening balance' FROM bench_sellers`);
  await db.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, type)
    SELECT s.tx, a.id, -s.amount, 'adjustment' FROM bench_sellers s JOIN ledger_accounts a ON a.code = 'seller:' || s.id || ':available'
    UNION ALL
    SELECT s.tx, (SELECT id FROM ledger_accounts WHERE code = 'platform:clearing:bank_transfer'), s.amount, 'adjustment' FROM bench_sellers s`);
  await db.query(`INSERT INTO ledger_payout_accounts (owner_type, owner_id, bank_code, account_number, account_holder_name, status, payouts_held_until, created_at, updated_at)
    SELECT 'seller', id, (ARRAY['BCA', 'BNI', 'BRI', 'MANDIRI', 'BSI', 'BPD_BALI'])[1 + n % 6], lpad((n * 104729)::text, 10, '0'), 'Perajin Bench ' || n, 'verified',
      now() - interval '1 day', now() - interval '4 days', now() - interval '4 days'
    FROM bench_sellers`);
  await db.query('COMMIT');
  return (performance.now() - started) / 1000;
}

async function main() {
  const loadBefore = loadavg()[0];
  // No in-process worker: no scheduled run (weekly payouts) starts during the bench.
  const app = await startApp({ WORKER_IN_PROCESS: '0' });
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  const nest = await nestContext(app.dataDir);
  try {
    const setup = await seed(db);
    const [{ total, due }] = (
      await db.query(
        `SELECT coalesce(sum(-b.balance), 0)::text AS total, count(*)::int AS due FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id WHERE a.kind = 'available' AND -b.balance >= $1`,
        [nest.config.payoutMinimumIdr * 100],
      )
    ).rows;
    console.log(`Setup: ${SELLERS} sellers with available balances (${due} at or above the minimum) in ${setup.toFixed(1)} s`);
    const payouts = nest.ctx.get(nest.ledger.PayoutsService);
    const runs = [];
    for (const name of ['first run', 'second run']) {
      const t0 = performance.now();
      const result = await payouts.run({ requestedBy: null });
      const seconds = (performance.now() - t0) / 1000;
      const paid = result.payouts.reduce((sum, p) => sum + p.amount.amount, 0);
      runs.push({ name, seconds, count: result.payouts.length, paid });
      console.log(`${name}: ${result.payouts.length} payouts, ${paid} minor units, ${seconds.toFixed(2)} s`);
    }
    const [{ inTransit, stillAvailable, rows }] = (
      await db.query(
        `SELECT (SELECT coalesce(sum(-b.balance), 0) FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id WHERE a.kind = 'in_transit')::text AS "inTransit",
              (SELECT coalesce(sum(-b.balance), 0) FROM ledger_balances b JOIN ledger_accounts a ON a.id = b.account_id WHERE a.kind = 'available')::text AS "stillAvailable",
              (SELECT count(*) FROM ledger_payouts)::int AS rows`,
      )
    ).rows;
    const trial = await nest.ctx.get(nest.ledger.LedgerService).trialBalance();
    const check = { due, total: Number(total), inTransit: Number(inTransit), stillAvailable: Number(stillAvailable), rows, trial: trial.total.amount };
    console.log(`In transit ${check.inTransit}, left available ${check.stillAvailable} (sen), ${rows} payout rows, trial balance ${check.trial}`);
    record({ setup, runs, check, loadBefore });
    if (runs[0].count !== due || runs[1].count !== 0 || check.trial !== 0 || rows !== due) throw new Error('the payout runs did not pay each seller exactly once');
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    process.on('uncaughtException', () => undefined);
    await nest.close();
    await db.end();
    await app.stop();
  }
}

function record({ setup, runs, check, loadBefore }) {
  const m = machine();
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, embedded PostgreSQL; \`PayoutsService.run\` called in the bench process (a Nest application context of the built modules, as \`npm run cli\` does).`,
    `${SELLERS.toLocaleString('en')} sellers, each with an available balance of Rp 100.000 to Rp 5.100.000 plus some sen (one balanced ledger transaction per seller, written in SQL in ${setup.toFixed(1)} s) and a payout account changed 4 days ago (its 3-day hold over).`,
    '',
    '| run | payouts | paid (IDR) | seconds | payouts/s |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...runs.map((r) => `| ${r.name} | ${r.count.toLocaleString('en')} | ${(r.paid / 100).toLocaleString('en')} | ${r.seconds.toFixed(2)} | ${r.count ? (r.count / r.seconds).toFixed(0) : '–'} |`),
    '',
    `- The first run is one database transaction: the batch, then per seller a savepoint, its \`ledger_payouts\` row and its \`payoutCreated\` posting (available → in transit). ${check.due.toLocaleString('en')} sellers were due; the run left ${(check.stillAvailable / 100).toLocaleString('en')} IDR available (the sen each payout leaves, whole rupiah only) and put ${(check.inTransit / 100).toLocaleString('en')} IDR in transit; ${check.rows.toLocaleString('en')} payout rows in all after both runs.`,
    `- The second run, right after, paid nothing (${runs[1].count} payouts): no seller had a balance over the minimum left.`,
    `- Trial balance at the end: ${check.trial}.`,
    `- Machine load (1-minute load average): ${loadBefore.toFixed(1)} before the run, ${loadavg()[0].toFixed(1)} when it ended, on ${m.cpus} CPUs.`,
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().then(
  () => process.exit(),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
