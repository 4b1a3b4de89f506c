import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DEMO_SEEDER } from '../jobs/job-handler.decorator.js';
import { LOGGER, type Logger } from '../logging/logger.js';

/** Runs every @DemoSeeder method in order. */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(): Promise<string[]> {
    const seeders: Array<{ order: number; name: string; run: () => Promise<void> }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const order = this.reflector.get<number>(DEMO_SEEDER, prototype[name]);
        if (order !== undefined) seeders.push({ order, name: `${prototype.constructor.name}.${name}`, run: prototype[name].bind(instance) });
      }
    }
    seeders.sort((a, b) => a.order - b.order);
    for (const seeder of seeders) {
      const started = Date.now();
      await seeder.run();
      this.logger.info({ seeder: seeder.name, ms: Date.now() - started }, 'demo data seeded');
    }
    return seeders.map((s) => s.name);
  }
}
