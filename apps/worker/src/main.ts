import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';
import { createLogger, JobWorker, loadConfigOrExit, resolveServices } from '#libs/platform';

/**
 * A standalone worker for production (set WORKER_IN_PROCESS=0 on the web processes):
 * every context's services and job handlers, no HTTP side. Several may run side by side.
 */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const services = await resolveServices(config, (line) => logger.debug(line));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(services.config, logger), { logger: false });
  const worker = app.get(JobWorker);
  await worker.start();
  const stop = async () => {
    await worker.stop();
    await app.close();
    await services.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
