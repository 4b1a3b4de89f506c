import type { Text } from '#libs/platform';

/**
 * The published reputation rules, as data: the API and the seller's dashboard show exactly
 * these thresholds and formulas, so a seller can see why it has or lacks the badge.
 */
export const REPUTATION_WINDOW_DAYS = 90;
/** Promised handling time: from payment to shipment. */
export const HANDLING_HOURS = 72;

export const METRICS = ['rating', 'onTimeShipping', 'cancellationRate', 'rfqResponseMedianHours', 'paidOrders'] as const;
export type Metric = (typeof METRICS)[number];

export interface Threshold {
  min?: number;
  max?: number;
  /** When there is nothing to measure (e.g. no RFQs), does the check pass? */
  passesWhenEmpty: boolean;
}

export const THRESHOLDS: Record<Metric, Threshold> = {
  rating: { min: 4.5, passesWhenEmpty: false },
  onTimeShipping: { min: 0.9, passesWhenEmpty: false },
  cancellationRate: { max: 0.05, passesWhenEmpty: false },
  rfqResponseMedianHours: { max: 48, passesWhenEmpty: true },
  paidOrders: { min: 3, passesWhenEmpty: false },
};

export const FORMULAS: Record<Metric, Text> = {
  rating: {
    id: 'Rata-rata bintang (1–5) dari ulasan terverifikasi yang tidak disembunyikan, ditulis dalam 90 hari terakhir.',
    en: 'Mean star rating (1–5) of verified, not hidden reviews written in the last 90 days.',
  },
  onTimeShipping: {
    id: `Pesanan yang dikirim paling lambat ${HANDLING_HOURS / 24} hari setelah dibayar ÷ pesanan dibayar dalam 90 hari terakhir yang sudah dikirim atau sudah lewat batas waktunya (pesanan batal tidak dihitung).`,
    en: `Orders shipped within ${HANDLING_HOURS / 24} days of payment ÷ orders paid in the last 90 days that have shipped or whose deadline has passed (cancelled orders left out).`,
  },
  cancellationRate: {
    id: 'Pesanan yang dibatalkan setelah dibayar ÷ pesanan yang dibayar dalam 90 hari terakhir.',
    en: 'Orders cancelled after payment ÷ orders paid in the last 90 days.',
  },
  rfqResponseMedianHours: {
    id: 'Median jam dari permintaan penawaran (RFQ) masuk sampai jawaban pertama, untuk RFQ 90 hari terakhir; RFQ yang belum dijawab dihitung sampai sekarang.',
    en: 'Median hours from an RFQ arriving to the first answer, over RFQs of the last 90 days; unanswered RFQs count up to now.',
  },
  paidOrders: {
    id: 'Jumlah pesanan yang dibayar dalam 90 hari terakhir (minimal agar angka lain bermakna).',
    en: 'Number of orders paid in the last 90 days (a minimum so the other figures mean something).',
  },
};

export type MetricValues = Record<Metric, number | null>;

export function passes(metric: Metric, value: number | null): boolean {
  const rule = THRESHOLDS[metric];
  if (value === null) return rule.passesWhenEmpty;
  return (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);
}

/** "Terpercaya / Trusted seller": every published threshold passes. */
export function isTrusted(values: MetricValues): boolean {
  return METRICS.every((metric) => passes(metric, values[metric]));
}

/**
 * A 0..1 score for ranking ties: trusted sellers first, then by rating. Never used
 * above relevance (search applies it only among equally relevant hits).
 */
export function rankingScore(values: MetricValues): number {
  return (isTrusted(values) ? 0.5 : 0) + ((values.rating ?? 0) / 5) * 0.5;
}
