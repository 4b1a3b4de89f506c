import type { Text } from '#libs/platform';
import { DIMENSIONS, LEVEL_THRESHOLDS, READINESS_ITEMS, READY_REQUIRES, type ReadinessLevel, type SellerFacts } from './readiness-model.js';

export interface ReadinessAssessment {
  score: number;
  level: ReadinessLevel;
  dimensions: Array<{ key: string; score: number; max: number; missing: string[] }>;
  checklist: Array<{ key: string; done: boolean; label: Text; howTo: Text }>;
  /** How quickly the seller answers RFQs (reputation for buyers, an item of the score). */
  responsiveness: { rfqsReceived: number; medianFirstResponseHours: number | null };
}

/** Scores one seller's facts against the model (readiness-model.ts). */
export function assessReadiness(facts: SellerFacts): ReadinessAssessment {
  const results = READINESS_ITEMS.map((item) => ({ item, done: item.done(facts) }));
  const dimensions = DIMENSIONS.map((key) => {
    const mine = results.filter((r) => r.item.dimension === key);
    return {
      key,
      score: mine.reduce((sum, r) => sum + (r.done ? r.item.weight : 0), 0),
      max: mine.reduce((sum, r) => sum + r.item.weight, 0),
      missing: mine.filter((r) => !r.done).map((r) => r.item.key),
    };
  });
  const max = dimensions.reduce((sum, d) => sum + d.max, 0);
  const score = Math.round((dimensions.reduce((sum, d) => sum + d.score, 0) * 100) / max);
  const gatesPassed = READY_REQUIRES.every((key) => results.some((r) => r.item.key === key && r.done));
  const ready = score >= LEVEL_THRESHOLDS.ready && gatesPassed;
  const level: ReadinessLevel = ready ? (facts.exportDeals > 0 ? 'export_active' : 'ready') : score >= LEVEL_THRESHOLDS.emerging ? 'emerging' : 'not_ready';
  return {
    score,
    level,
    dimensions,
    checklist: results.map(({ item, done }) => ({ key: item.key, done, label: item.label, howTo: item.howTo })),
    responsiveness: {
      rfqsReceived: facts.rfqs.received,
      medianFirstResponseHours: facts.rfqs.medianResponseHours === null ? null : Math.round(facts.rfqs.medianResponseHours * 10) / 10,
    },
  };
}

export const isExportLevel = (level: ReadinessLevel) => level === 'ready' || level === 'export_active';
