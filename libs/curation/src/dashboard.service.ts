import { Injectable } from '@nestjs/common';
import type { SignedInUser } from '#libs/identity';
import { money, regencyName, type Money } from '#libs/platform';
import { ExportReadinessService, type ReadinessLevel } from '#libs/export';
import { CurationReports } from './curation-reports.repository.js';
import { CuratorScope } from './curator-scope.service.js';

export const READINESS_LEVELS: readonly ReadinessLevel[] = ['not_ready', 'emerging', 'ready', 'export_active'];
const MONTHS = 12;

export interface MonthFigures {
  month: string;
  orders: number;
  sales: Money;
}

export interface RegencyFigures {
  /** A regency slug, or `bali` for the province's totals. */
  regency: string;
  regencyName: string;
  sellers: number;
  suspended: number;
  /** Sellers with an approved, unexpired NIB, and their share of all sellers (0–1). */
  formalised: number;
  formalisedShare: number;
  documentsPending: number;
  /** Export readiness of active (not suspended) sellers, from libs/export. */
  readiness: Record<ReadinessLevel, number>;
  products: number;
  exportReadyProducts: number;
  cooperatives: number;
  cooperativeMembers: number;
  /** The last 12 months, oldest first: paid (not cancelled or refunded) orders and their totals. */
  monthly: MonthFigures[];
}

export interface Dashboard {
  months: string[];
  regencies: RegencyFigures[];
  /** Totals of all the regencies shown, when there are several. */
  province: RegencyFigures | null;
}

/** `YYYY-MM` of the last `count` months in Bali time, oldest first, and the first instant of the oldest. */
export function lastMonths(count: number, now = new Date()): { months: string[]; since: Date } {
  const bali = new Date(now.getTime() + 8 * 3600_000);
  const months = Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(bali.getUTCFullYear(), bali.getUTCMonth() - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
  return { months, since: new Date(Date.parse(`${months[0]}-01T00:00:00+08:00`)) };
}

/** Figures per regency for the Dinas ("UMKM naik kelas"), within the curator's scope. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly scope: CuratorScope,
    private readonly reports: CurationReports,
    private readonly readiness: ExportReadinessService,
  ) {}

  async figures(user: SignedInUser, requested: string | undefined): Promise<Dashboard> {
    const regencies = this.scope.regencies(user, requested);
    const { months, since } = lastMonths(MONTHS);
    const [counts, products, monthly, readiness] = await Promise.all([
      this.reports.regencyCounts(regencies),
      this.reports.activeProductIds(regencies),
      this.reports.monthlySales(regencies, since),
      this.readiness.summary(user, regencies.length === 1 ? regencies[0] : undefined),
    ]);
    const ready = await this.readiness.productExportReadiness(products.map((p) => p.id));
    const figures = counts.map((c): RegencyFigures => {
      const levels = readiness.regencies.find((r) => r.regency === c.regency)?.levels;
      return {
        regency: c.regency,
        regencyName: regencyName(c.regency),
        sellers: c.sellers,
        suspended: c.suspended,
        formalised: c.formalised,
        formalisedShare: share(c.formalised, c.sellers),
        documentsPending: c.documentsPending,
        readiness: Object.fromEntries(READINESS_LEVELS.map((level) => [level, levels?.[level] ?? 0])) as Record<ReadinessLevel, number>,
        products: c.activeProducts,
        exportReadyProducts: products.filter((p) => p.regency === c.regency && ready.get(p.id)).length,
        cooperatives: c.cooperatives,
        cooperativeMembers: c.cooperativeMembers,
        monthly: months.map((month) => {
          const row = monthly.find((m) => m.regency === c.regency && m.month === month);
          return { month, orders: row?.orders ?? 0, sales: money(row?.sales ?? 0) };
        }),
      };
    });
    return { months, regencies: figures, province: figures.length > 1 ? total(figures, months) : null };
  }
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);

function total(figures: RegencyFigures[], months: string[]): RegencyFigures {
  const sum = (pick: (f: RegencyFigures) => number) => figures.reduce((acc, f) => acc + pick(f), 0);
  const sellers = sum((f) => f.sellers);
  const formalised = sum((f) => f.formalised);
  return {
    regency: 'bali',
    regencyName: 'Provinsi Bali',
    sellers,
    suspended: sum((f) => f.suspended),
    formalised,
    formalisedShare: share(formalised, sellers),
    documentsPending: sum((f) => f.documentsPending),
    readiness: Object.fromEntries(READINESS_LEVELS.map((level) => [level, sum((f) => f.readiness[level])])) as Record<ReadinessLevel, number>,
    products: sum((f) => f.products),
    exportReadyProducts: sum((f) => f.exportReadyProducts),
    cooperatives: sum((f) => f.cooperatives),
    cooperativeMembers: sum((f) => f.cooperativeMembers),
    monthly: months.map((month, i) => ({ month, orders: sum((f) => f.monthly[i]!.orders), sales: money(sum((f) => f.monthly[i]!.sales.amount)) })),
  };
}
