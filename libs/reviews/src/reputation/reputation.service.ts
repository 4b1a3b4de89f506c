import { Injectable } from '@nestjs/common';
import { FORMULAS, isTrusted, METRICS, passes, rankingScore, REPUTATION_WINDOW_DAYS, THRESHOLDS, type Metric } from './reputation-model.js';
import { ReputationRepository, type SellerMetrics } from './reputation.repository.js';
import { addDays, witaDate, witaStart } from '../wita.js';

export interface ReputationView extends SellerMetrics {
  sellerId: string;
  trusted: boolean;
  window: { from: string; to: string; days: number };
  thresholds: typeof THRESHOLDS;
  formulas: typeof FORMULAS;
  checks: Array<{ metric: Metric; value: number | null; pass: boolean }>;
  monthly: Array<SellerMetrics & { month: string }>;
}

/** Transparent seller reputation over the last 90 days, and its tie-breaking score for search. */
@Injectable()
export class Reputation {
  constructor(private readonly repository: ReputationRepository) {}

  async forSeller(sellerId: string, now = new Date()): Promise<ReputationView> {
    const from = new Date(now.getTime() - REPUTATION_WINDOW_DAYS * 86_400_000);
    const metrics = (await this.repository.metrics([sellerId], from, now)).get(sellerId)!;
    return {
      sellerId,
      ...metrics,
      trusted: isTrusted(metrics),
      window: { from: from.toISOString(), to: now.toISOString(), days: REPUTATION_WINDOW_DAYS },
      thresholds: THRESHOLDS,
      formulas: FORMULAS,
      checks: METRICS.map((metric) => ({ metric, value: metrics[metric], pass: passes(metric, metrics[metric]) })),
      monthly: await this.monthly(sellerId, now),
    };
  }

  /**
   * A 0..1 score per seller (trusted first, then rating) for search to break ties between
   * equally relevant hits; sellers without figures score 0.
   */
  async scores(sellerIds: readonly string[], now = new Date()): Promise<Map<string, number>> {
    const from = new Date(now.getTime() - REPUTATION_WINDOW_DAYS * 86_400_000);
    const metrics = await this.repository.metrics(sellerIds, from, now);
    return new Map([...metrics].map(([id, values]) => [id, rankingScore(values)]));
  }

  /** The same figures per WITA calendar month, for the months the window touches (current month last). */
  private async monthly(sellerId: string, now: Date): Promise<Array<SellerMetrics & { month: string }>> {
    const months: string[] = [];
    let day = `${witaDate(now).slice(0, 7)}-01`;
    for (let i = 0; i < 3; i++) {
      months.unshift(day.slice(0, 7));
      day = `${addDays(day, -1).slice(0, 7)}-01`;
    }
    return Promise.all(
      months.map(async (month, i) => {
        const start = witaStart(`${month}-01`);
        const end = i === months.length - 1 ? now : witaStart(`${months[i + 1]}-01`);
        return { month, ...(await this.repository.metrics([sellerId], start, end)).get(sellerId)! };
      }),
    );
  }
}
