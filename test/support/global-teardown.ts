import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const services = (globalThis as Record<string, unknown>).__pkServices as { postgres: { stop(): Promise<void> }; meili: { stop(): Promise<void> }; dir: string } | undefined;
  if (!services) return;
  await Promise.allSettled([services.meili.stop(), services.postgres.stop()]);
  rmSync(services.dir, { recursive: true, force: true });
}
