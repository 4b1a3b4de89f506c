// Ledger postings benchmark (issue 17): the built app on embedded PostgreSQL in a temp DATA_DIR, its
// SettlementPostings taken from a Nest application context of the built modules (the CLI's way),
// driven by 1, 8 and 32 concurrent callers for BENCH_SECONDS each (default 10): every caller pays an
// order (paymentConfirmed) and completes it (orderCompleted), one database transaction per posting,
// for BENCH_SELLERS distinct sellers (default 2,000; one order in ten also has a cooperative). Baseline
// in the same run: the same number of plain two-row INSERT transactions through `pg`, at the same
// concurrency. Checks the trial balance is zero at the end. Writes bench/RESULTS.md.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { machine, percentiles, startApp, writeResultsSection } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const SELLERS = Number(process.env.BENCH_SELLERS ?? 2_000);
const COOPERATIVES = 50;
const TITLE = '## Ledger postings under concurrency (`bench/ledger.bench.js`)';

/** The app's services in this process, on the running app's PostgreSQL (as `npm run cli` does). */
async function nestContext(dataDir) {
  process.env.DATA_DIR = dataDir;
  process.env.DB_POOL_SIZE = String(Math.max(...LEVELS) + 4);
  const { NestFactory } = await import('@nestjs/core');
  const platform = await import('#libs/platform');
  const { WorkerModule } = await import('../dist/apps/worker/src/worker.module.js');
  const ledger = await import('#libs/ledger');
  const { DataSource } = await import('typeorm');
  const services = await platform.resolveServices(platform.loadConfigOrExit(), () => undefined);
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(services.config, platform.createLogger('warn')), { logger: false });
  return {
    ctx,
    ledger,
    dataSource: ctx.get(DataSource),
    close: async () => {
      await ctx.close();
      await services.stop();
    },
  };
}

/** `concurrency` callers, each paying then completing fresh orders until `seconds` have passed. */
async function drive({ postings, dataSource }, { concurrency, seconds, offset }) {
  const sellers = Array.from({ length: SELLERS }, () => randomUUID());
  const cooperatives = Array.from({ length: COOPERATIVES }, () => randomUUID());
  const pay = [],
    complete = [];
  let errors = 0,
    next = offset;
  const start = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const n = next++;
        const orderId = randomUUID();
        const input = {
          orderId,
          sellerId: sellers[n % SELLERS],
          cooperativeId: n % 10 === 0 ? cooperatives[n % COOPERATIVES] : null,
          method: n % 3 === 0 ? 'stripe' : 'bank_transfer',
          total: (50_000 + ((n * 7919) % 2_000_000)) * 100,
        };
        try {
          let t0 = performance.now();
          await dataSource.transaction((manager) => postings.paymentConfirmed(manager, input));
          pay.push(performance.now() - t0);
          t0 = performance.now();
          await dataSource.transaction((manager) => postings.orderCompleted(manager, { orderId }));
          complete.push(performance.now() - t0);
        } catch (error) {
          if (errors++ === 0) console.error(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const all = [...pay, ...complete];
  return { concurrency, postings: all.length, errors, rate: all.length / elapsed, all: percentiles(all), pay: percentiles(pay), complete: percentiles(complete), orders: complete.length };
}

/** The same number of transactions as plain SQL: BEGIN, one INSERT of two rows, COMMIT. */
async function baseline(databaseUrl, { concurrency, count }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  const latencies = [];
  let left = count;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        while (left-- > 0) {
          const t0 = performance.now();
          await client.query('BEGIN');
          await client.query(`INSERT INTO bench_plain_entries (tx, account, amount) VALUES ($1, $2, $3::bigint), ($1, $4, -$3::bigint)`, [
            randomUUID(),
            'platform:clearing:bank_transfer',
            1_000_000,
            `seller:${randomUUID()}:held`,
          ]);
          await client.query('COMMIT');
          latencies.push(performance.now() - t0);
        }
      } finally {
        client.release();
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await pool.end();
  return { transactions: latencies.length, rate: latencies.length / elapsed, ...percentiles(latencies) };
}

async function main() {
  const loadBefore = loadavg()[0];
  // No in-process worker: nothing else writes to the database while the postings run.
  const app = await startApp({ WORKER_IN_PROCESS: '0' });
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  console.log('App started; loading the Nest context…');
  const nest = await nestContext(app.dataDir);
  console.log('Nest context ready');
  try {
    await db.query(`CREATE TABLE bench_plain_entries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tx uuid NOT NULL, account text NOT NULL, amount bigint NOT NULL)`);
    const postings = nest.ctx.get(nest.ledger.SettlementPostings);
    // Warm-up: connections, the fee schedule, the platform accounts.
    await drive({ postings, dataSource: nest.dataSource }, { concurrency: 4, seconds: 2, offset: 0 });
    const rows = [];
    for (const [i, concurrency] of LEVELS.entries()) {
      const ledger = await drive({ postings, dataSource: nest.dataSource }, { concurrency, seconds: SECONDS, offset: (i + 1) * 1_000_000 });
      const plain = await baseline(app.databaseUrl, { concurrency, count: ledger.postings });
      rows.push({ ledger, plain });
      console.log(
        `${concurrency} callers: ${ledger.rate.toFixed(0)} postings/s (p95 ${ledger.all.p95.toFixed(1)} ms, errors ${ledger.errors}); plain SQL ${plain.rate.toFixed(0)} tx/s (p95 ${plain.p95.toFixed(1)} ms)`,
      );
    }
    const trial = await nest.ctx.get(nest.ledger.LedgerService).trialBalance();
    const [{ entries, balances, transactions }] = (
      await db.query(
        `SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries)::text AS entries, (SELECT coalesce(sum(balance), 0) FROM ledger_balances)::text AS balances, (SELECT count(*) FROM ledger_transactions)::int AS transactions`,
      )
    ).rows;
    const check = { trial: trial.total.amount, entries: Number(entries), balances: Number(balances), transactions };
    console.log(`Trial balance ${check.trial}, sum of entries ${check.entries}, sum of balances ${check.balances}, ${transactions} transactions`);
    record(rows, check, loadBefore);
    if (check.trial !== 0 || check.entries !== 0 || check.balances !== 0) throw new Error('the trial balance is not zero');
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    // Pools still open when PostgreSQL stops would report it as an error.
    process.on('uncaughtException', () => undefined);
    await nest.close();
    await db.end();
    await app.stop();
  }
}

function record(rows, check, loadBefore) {
  const m = machine();
  const section = [
    TITLE,
    '',
    `Run ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, embedded PostgreSQL; the callers run in the bench process (a Nest application context of the built modules, as \`npm run cli\` does) and share the machine with PostgreSQL.`,
    `Each caller pays an order (\`SettlementPostings.paymentConfirmed\`: held, commission, cooperative fee for one order in ten) then completes it (\`orderCompleted\`: held → available), one database transaction per posting; ${SELLERS.toLocaleString('en')} distinct sellers and ${COOPERATIVES} cooperatives per level, a new order each time, ${SECONDS} s per level after a 2 s warm-up. Baseline: the same number of \`BEGIN; INSERT\` two rows \`; COMMIT\` through \`pg\`, same concurrency, same run.`,
    '',
    '| callers | postings | postings/s | p50 ms | p95 ms | p99 ms | payment p95 ms | completion p95 ms | errors | plain SQL tx/s | plain p95 ms | ledger / plain (rate) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ({ ledger: l, plain: p }) =>
        `| ${l.concurrency} | ${l.postings} | ${l.rate.toFixed(0)} | ${l.all.p50.toFixed(1)} | ${l.all.p95.toFixed(1)} | ${l.all.p99.toFixed(1)} | ${l.pay.p95.toFixed(1)} | ${l.complete.p95.toFixed(1)} | ${l.errors} | ${p.rate.toFixed(0)} | ${p.p95.toFixed(1)} | ${(l.rate / p.rate).toFixed(2)}× |`,
    ),
    '',
    `- Trial balance at the end: ${check.trial} (sum of all entries ${check.entries}, of all balances ${check.balances}) over ${check.transactions.toLocaleString('en')} ledger transactions.`,
    "- Every payment posting locks and updates the platform's `commission` and `clearing:<method>` accounts, so payments serialise on those rows whatever the number of sellers; completions touch only the seller's (and cooperative's) accounts.",
    `- Machine load (1-minute load average): ${loadBefore.toFixed(1)} before the run, ${loadavg()[0].toFixed(1)} when it ended, on ${m.cpus} CPUs.`,
    '',
  ].join('\n');
  writeResultsSection(TITLE, section);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
