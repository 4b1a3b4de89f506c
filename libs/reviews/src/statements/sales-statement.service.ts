import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatIdr, money, notFound, type Money } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { AnalyticsRepository } from '../analytics/analytics.repository.js';
import type { DateRange } from '../date-range.dto.js';
import { monthsBetween } from '../wita.js';

export interface SalesStatement {
  seller: { id: string; name: string; regency: string; nib: string | null };
  period: DateRange;
  months: Array<{ month: string; orders: number; total: Money }>;
  orders: number;
  total: Money;
  generatedAt: string;
}

/**
 * The sales statement a seller attaches to a KUR (Kredit Usaha Rakyat) loan application:
 * settled sales per month over a period (orders whose money reached the seller, less refunds, as
 * the ledger records them: a bank can trust them), with the seller's NIB when a curator has approved it.
 */
@Injectable()
export class SalesStatements {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sellers: SellersService,
    private readonly analytics: AnalyticsRepository,
  ) {}

  async build(sellerId: string, period: DateRange, now = new Date()): Promise<SalesStatement> {
    const seller = await this.sellers.findById(sellerId);
    if (!seller) throw notFound('Seller');
    const [settled, [nib]] = await Promise.all([
      this.analytics.settledSalesByMonth(sellerId, period),
      this.dataSource.query(`SELECT number FROM sellers_documents_v WHERE seller_id = $1 AND type = 'NIB' AND status = 'approved' ORDER BY decided_at DESC NULLS LAST LIMIT 1`, [sellerId]),
    ]);
    const months = monthsBetween(period.from, period.to).map((month) => ({ month, orders: settled.get(month)?.orders ?? 0, total: money(settled.get(month)?.revenue ?? 0) }));
    return {
      seller: { id: seller.id, name: seller.name, regency: seller.regency, nib: nib?.number ?? null },
      period,
      months,
      orders: months.reduce((sum, m) => sum + m.orders, 0),
      total: money(months.reduce((sum, m) => sum + m.total.amount, 0)),
      generatedAt: now.toISOString(),
    };
  }
}

const csvCell = (value: string | number) => {
  const text = String(value);
  // Quote when needed, and neutralise spreadsheet formulas in text cells.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The statement as CSV: a month per row, then the total; amounts in whole rupiah and as written in Indonesian. */
export function statementCsv(s: SalesStatement): string {
  const rows: Array<Array<string | number>> = [
    ['bulan_month', 'pesanan_orders', 'penjualan_sales_idr', 'penjualan_sales'],
    ...s.months.map((m) => [m.month, m.orders, m.total.amount / 100, formatIdr(m.total.amount)]),
    ['total', s.orders, s.total.amount / 100, formatIdr(s.total.amount)],
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
