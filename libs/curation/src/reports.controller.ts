import { Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { AuditTrail } from './audit-trail.service.js';
import { AuditLogQuery, DashboardQuery } from './curation.dto.js';
import { dashboardCsv } from './dashboard-csv.js';
import { DashboardService } from './dashboard.service.js';

/** What curators read: the dashboard's figures (JSON and CSV) and the audit log. */
@ApiController('curation', 'curation')
export class CurationReportsController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly audit: AuditTrail,
  ) {}

  @Get('dashboard')
  @Authenticated('curator', 'admin')
  @ApiOperation({ summary: 'Figures per regency (a regency curator: their own only; another → 403)' })
  figures(@CurrentUser() user: SignedInUser, @Query() query: DashboardQuery) {
    return this.dashboard.figures(user, query.regency);
  }

  @Get('dashboard.csv')
  @Authenticated('curator', 'admin')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The dashboard figures as CSV, one row per regency' })
  async csv(@CurrentUser() user: SignedInUser, @Query() query: DashboardQuery, @Res() res: Response) {
    const csv = dashboardCsv(await this.dashboard.figures(user, query.regency));
    res
      .type('text/csv; charset=utf-8')
      .attachment(`kurasi-dashboard-${query.regency ?? user.regency ?? 'bali'}.csv`)
      .send(csv);
  }

  @Get('audit-log')
  @Authenticated('curator', 'admin')
  @ApiOperation({ summary: 'Curation acts, newest first, filtered (a regency curator sees their regency)' })
  auditLog(@CurrentUser() user: SignedInUser, @Query() query: AuditLogQuery) {
    return this.audit.list(user, query);
  }
}
