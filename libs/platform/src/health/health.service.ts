import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeiliService } from '../search/meili.service.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  search: 'up' | 'down';
}

/** Liveness (`GET /health`): cheap, and only the database being down makes the process unfit (search down only degrades search). */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meili: MeiliService,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, search] = await Promise.all([
      Promise.race([this.dataSource.query('SELECT 1').then(() => 'up' as const), new Promise<'down'>((r) => setTimeout(() => r('down'), 2000).unref())]).catch(() => 'down' as const),
      this.meili.isHealthy().then((ok) => (ok ? ('up' as const) : ('down' as const))),
    ]);
    return { status: db === 'up' && search === 'up' ? 'ok' : 'degraded', db, search };
  }
}
