import { Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { AnalyticsQuery, resolveRange, StatementQuery } from '../date-range.dto.js';
import { SalesStatements, statementCsv } from './sales-statement.service.js';
import { statementPdf } from './sales-statement.pdf.js';
import { analyticsCsv, SellerAnalytics } from '../analytics/seller-analytics.service.js';

/** Figures for a seller's managers (owner, its cooperative's coop_admin). */
@ApiController('sellers', 'reviews')
export class SellerReportsController {
  constructor(
    private readonly access: SellerAccess,
    private readonly analytics: SellerAnalytics,
    private readonly statements: SalesStatements,
  ) {}

  @Get(':id/analytics')
  @Authenticated()
  @ApiOperation({ summary: 'Views, search impressions and clicks, cart adds, orders, revenue per day and month; top products; buyers’ countries; RFQs (?format=csv for a spreadsheet)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ sellerId, from, to, totals, daily, monthly, topProducts, buyerCountries }' })
  async analyticsOf(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: AnalyticsQuery, @Res({ passthrough: true }) res: Response) {
    await this.access.assertCanManage(user, id);
    const range = resolveRange(query);
    const view = await this.analytics.forSeller(id, range);
    if (query.format !== 'csv') return view;
    res.type('text/csv; charset=utf-8').attachment(`analytics-${range.from}-${range.to}.csv`);
    return analyticsCsv(view);
  }

  @Get(':id/reports/sales-statement')
  @Authenticated()
  @ApiOperation({ summary: 'Sales statement for a KUR loan application: monthly paid orders and totals over a period of at most 2 years (PDF or CSV)' })
  @ApiProduces('application/pdf', 'text/csv')
  @ApiOkResponse({ description: 'The statement file' })
  async statement(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatementQuery, @Res({ passthrough: true }) res: Response) {
    await this.access.assertCanManage(user, id);
    const range = resolveRange(query, 365);
    const statement = await this.statements.build(id, range);
    const name = `laporan-penjualan-${range.from}-${range.to}`;
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
      return statementCsv(statement);
    }
    return new StreamableFile(await statementPdf(statement), { type: 'application/pdf', disposition: `attachment; filename="${name}.pdf"` });
  }
}
