import { DataSource } from 'typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, DemoSeedService, JobWorker, loadConfigOrExit, Readiness, resolveServices, type Logger } from '#libs/platform';
import { createApp } from './create-app.js';

/**
 * `npm start`: validate the environment, start embedded PostgreSQL and Meilisearch when
 * no external ones are configured, run migrations, serve HTTP and (by default) the worker.
 */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const services = await resolveServices(config, (line) => logger.debug(line));
  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(code || 1), 15_000);
    force.unref();
    await app?.close().catch((err) => logger.error({ err }, 'close failed'));
    await services.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    app = await createApp(services.config, logger);
    await app.listen(services.config.port, '0.0.0.0');
    if (services.config.workerInProcess) await app.get(JobWorker).start();
    if (services.config.seedDemo) {
      const [{ count }] = await app.get(DataSource).query(`SELECT count(*)::int AS count FROM users WHERE email LIKE '%@demo.pasarkerthi.id'`);
      if (count === 0) await app.get(DemoSeedService).run();
    }
    // The demo data (or anything a CLI wrote meanwhile) must be searchable before the URL is printed.
    app.get(Readiness).markStarted();
    await untilReady(app.get(Readiness), logger);
  } catch (error) {
    logger.fatal({ err: error }, 'start failed');
    process.stderr.write(`Start failed: ${(error as Error).message}\n`);
    await shutdown('error', 1);
    return;
  }
  logger.info({ url: services.config.publicUrl, ms: Date.now() - started }, 'Pasar Kerthi is ready');
  process.stdout.write(`\nPasar Kerthi is ready at ${services.config.publicUrl} (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`);
}

/** Polls readiness (as a load balancer would), logging what it waits for when the parts waited for change. */
async function untilReady(readiness: Readiness, logger: Logger): Promise<void> {
  let waitingFor = '';
  for (;;) {
    const report = await readiness.report();
    if (report.ready) return;
    const parts = Object.keys(report.checks)
      .filter((name) => report.checks[name] !== 'ok')
      .join(', ');
    if (parts !== waitingFor) logger.info({ checks: report.checks }, `waiting until ready: ${parts}`);
    waitingFor = parts;
    await sleep(250);
  }
}

void main();
