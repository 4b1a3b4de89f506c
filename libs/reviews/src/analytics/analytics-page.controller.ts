import { Controller, Get, HttpException, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated } from '#libs/identity';
import { formatMoney, money, t, ViewService, type Lang } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import { resolveRange, type DateRange } from '../date-range.dto.js';
import { FORMULAS, METRICS } from '../reputation/reputation-model.js';
import { Reputation } from '../reputation/reputation.service.js';
import { SellerAnalytics, type SellerAnalyticsView } from './seller-analytics.service.js';
import { barChart } from './svg-chart.js';

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function charts(view: SellerAnalyticsView, lang: Lang) {
  const count = (n: number) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID').format(n);
  const daily = (key: 'views' | 'orders' | 'cartAdds') => view.daily.map((d) => ({ label: d.date.slice(5), value: d[key] }));
  const period = `${view.from} – ${view.to}`;
  return [
    { id: 'chart-views', key: 'analytics.chart.views', points: daily('views'), format: count },
    { id: 'chart-cart', key: 'analytics.chart.cartAdds', points: daily('cartAdds'), format: count },
    { id: 'chart-orders', key: 'analytics.chart.orders', points: daily('orders'), format: count },
    {
      id: 'chart-revenue',
      key: 'analytics.chart.revenue',
      points: view.monthly.map((m) => ({ label: m.month, value: m.revenue.amount })),
      format: (amount: number) => formatMoney(money(Math.round(amount)), lang),
    },
  ].map((c) => {
    const title = t(c.key, lang);
    const total = c.points.reduce((sum, p) => sum + p.value, 0);
    return { title, svg: barChart({ id: c.id, title, description: t('analytics.chart.desc', lang, { period, total: c.format(total) }), points: c.points, format: c.format }) };
  });
}

/** The seller's analytics dashboard: server-rendered SVG charts and tables, a CSV link, the reputation checks. */
@Controller()
@ApiExcludeController()
export class AnalyticsPageController {
  constructor(
    private readonly views: ViewService,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly analytics: SellerAnalytics,
    private readonly reputation: Reputation,
  ) {}

  @Get('dashboard/sellers/:id/analytics')
  @Authenticated()
  async show(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    await this.access.assertCanManage(req.user, id);
    const lang = req.lang ?? 'id';
    let range: DateRange;
    let rangeError: string | undefined;
    try {
      range = resolveRange({ from: str(req.query.from), to: str(req.query.to) });
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 422) throw error;
      rangeError = (error.getResponse() as { detail?: string }).detail;
      range = resolveRange({});
    }
    const [seller, view, reputation] = await Promise.all([this.sellers.findById(id), this.analytics.forSeller(id, range), this.reputation.forSeller(id)]);
    const query = new URLSearchParams({ from: range.from, to: range.to, format: 'csv' });
    this.views.page(
      req,
      res,
      'reviews/analytics',
      {
        seller,
        view,
        rangeError,
        charts: charts(view, lang),
        csvUrl: `/api/v1/sellers/${id}/analytics?${query}`,
        statementUrl: `/api/v1/sellers/${id}/reports/sales-statement?${new URLSearchParams({ from: range.from, to: range.to })}`,
        reputation: {
          ...reputation,
          checks: reputation.checks.map((c) => ({ ...c, labelKey: `reputation.metric.${c.metric}`, formula: FORMULAS[c.metric], threshold: reputation.thresholds[c.metric] })),
        },
        metrics: METRICS,
        titleKey: 'analytics.title',
      },
      { status: rangeError ? 422 : 200 },
    );
  }
}
