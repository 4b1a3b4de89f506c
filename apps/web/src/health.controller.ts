import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#libs/identity';
import { HealthService } from '#libs/platform';

@Controller('health')
@ApiTags('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether the database and search are up' })
  @ApiResponse({ status: 200, description: '{ status: "ok", db: "up", search: "up" }' })
  @ApiResponse({ status: 503, description: 'A part is down; the body names it' })
  async check(@Res() res: Response) {
    const report = await this.health.check();
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }
}
