import { Injectable } from '@nestjs/common';
import { money, type Money, type Text } from '#libs/platform';
import { AnalyticsRepository, type DayCounts } from './analytics.repository.js';
import { Analytics } from './analytics.service.js';
import type { DateRange } from '../date-range.dto.js';
import { datesBetween, monthsBetween } from '../wita.js';

export interface Figures extends DayCounts {
  orders: number;
  revenue: Money;
}

export interface SellerAnalyticsView {
  sellerId: string;
  from: string;
  to: string;
  totals: Figures & { rfqsReceived: number; rfqsWon: number };
  daily: Array<Figures & { date: string }>;
  monthly: Array<Figures & { month: string }>;
  topProducts: Array<{ productId: string; title: Text; views: number; quantity: number; revenue: Money }>;
  buyerCountries: Array<{ country: string; orders: number }>;
}

const empty = (): Figures => ({ storefrontViews: 0, views: 0, impressions: 0, clicks: 0, cartAdds: 0, orders: 0, revenue: money(0) });

function add(into: Figures, day: Figures): void {
  into.storefrontViews += day.storefrontViews;
  into.views += day.views;
  into.impressions += day.impressions;
  into.clicks += day.clicks;
  into.cartAdds += day.cartAdds;
  into.orders += day.orders;
  into.revenue = money(into.revenue.amount + day.revenue.amount);
}

/** A seller's dashboard figures, day by day and month by month (WITA calendar). */
@Injectable()
export class SellerAnalytics {
  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly analytics: Analytics,
  ) {}

  async forSeller(sellerId: string, range: DateRange): Promise<SellerAnalyticsView> {
    // Include the visits of the last seconds that are still being summed in memory.
    await this.analytics.flush();
    const [counts, sales, top, countries, rfqs] = await Promise.all([
      this.repository.countsByDay(sellerId, range),
      this.repository.salesByDay(sellerId, range),
      this.repository.topProducts(sellerId, range),
      this.repository.buyerCountries(sellerId, range),
      this.repository.rfqs(sellerId, range),
    ]);
    const daily = datesBetween(range.from, range.to).map((date) => {
      const sale = sales.get(date);
      return { date, ...empty(), ...counts.get(date), orders: sale?.orders ?? 0, revenue: money(sale?.revenue ?? 0) };
    });
    const monthly = monthsBetween(range.from, range.to).map((month) => ({ month, ...empty() }));
    const byMonth = new Map(monthly.map((m) => [m.month, m]));
    const totals = empty();
    for (const day of daily) {
      add(byMonth.get(day.date.slice(0, 7))!, day);
      add(totals, day);
    }
    return {
      sellerId,
      ...range,
      totals: { ...totals, rfqsReceived: rfqs.received, rfqsWon: rfqs.won },
      daily,
      monthly,
      topProducts: top.map((p) => ({ ...p, revenue: money(p.revenue) })),
      buyerCountries: countries,
    };
  }
}

const CSV_COLUMNS = ['date', 'storefront_views', 'views', 'impressions', 'clicks', 'cart_adds', 'orders', 'revenue_idr'] as const;

/** One row per day, then one per month, revenue in whole rupiah (spreadsheets read it as a number). */
export function analyticsCsv(view: SellerAnalyticsView): string {
  const row = (label: string, f: Figures) => [label, f.storefrontViews, f.views, f.impressions, f.clicks, f.cartAdds, f.orders, f.revenue.amount / 100].join(',');
  return [CSV_COLUMNS.join(','), ...view.daily.map((d) => row(d.date, d)), ...view.monthly.map((m) => row(m.month, m))].join('\r\n') + '\r\n';
}
