import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#libs/identity';
import { HealthService, Readiness } from '#libs/platform';

@Controller('health')
@ApiTags('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly readiness: Readiness,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness: whether the database and search are up (503 only when the database is down)' })
  @ApiResponse({ status: 200, description: '{ status: "ok" | "degraded", db: "up", search: "up" | "down" }' })
  @ApiResponse({ status: 503, description: 'The database is down' })
  async check(@Res() res: Response) {
    const report = await this.health.check();
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.db === 'up' ? 200 : 503).json(report);
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: migrations ran, a job worker runs, and the search index caught up with what was committed before start' })
  @ApiResponse({ status: 200, description: '{ ready: true, checks: { migrations: "ok", worker: "ok", search: "ok" } }' })
  @ApiResponse({ status: 503, description: '{ ready: false, checks: { … } } naming what is not ready' })
  async ready(@Res() res: Response) {
    const report = await this.readiness.report();
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.ready ? 200 : 503).json(report);
  }
}
