import type { Dashboard, RegencyFigures } from './dashboard.service.js';
import { READINESS_LEVELS } from './dashboard.service.js';

/** Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @ at the start). */
function cell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The dashboard's figures, one row per regency (and one for the province), months as columns; sales in whole rupiah. */
export function dashboardCsv(dashboard: Dashboard): string {
  const header = [
    'regency',
    'regency_name',
    'sellers',
    'suspended',
    'formalised_nib',
    'formalised_share',
    'documents_pending',
    ...READINESS_LEVELS.map((level) => `readiness_${level}`),
    'active_products',
    'export_ready_products',
    'cooperatives',
    'cooperative_members',
    ...dashboard.months.flatMap((month) => [`orders_${month}`, `sales_idr_${month}`]),
  ];
  const row = (f: RegencyFigures) => [
    f.regency,
    f.regencyName,
    f.sellers,
    f.suspended,
    f.formalised,
    f.formalisedShare,
    f.documentsPending,
    ...READINESS_LEVELS.map((level) => f.readiness[level]),
    f.products,
    f.exportReadyProducts,
    f.cooperatives,
    f.cooperativeMembers,
    ...f.monthly.flatMap((m) => [m.orders, m.sales.amount / 100]),
  ];
  const rows = [...dashboard.regencies, ...(dashboard.province ? [dashboard.province] : [])].map(row);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
