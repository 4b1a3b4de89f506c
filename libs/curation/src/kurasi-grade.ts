/** The six kurasi criteria of Indonesian UMKM curation practice, each scored 1–5. */
export const KURASI_CRITERIA = ['legality', 'productQuality', 'packagingLabelling', 'capacityContinuity', 'marketReach', 'uniqueness'] as const;
export type KurasiCriterion = (typeof KURASI_CRITERIA)[number];
export type KurasiScores = Record<KurasiCriterion, number>;

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * Grade from the total of six 1–5 scores (6–30): A from 26 (about 4.3 on average, ready
 * for premium and export channels), B from 21 (3.5), C from 15 (2.5), D below.
 */
export function gradeOf(scores: KurasiScores): { total: number; grade: Grade } {
  const total = KURASI_CRITERIA.reduce((sum, key) => sum + scores[key], 0);
  const grade: Grade = total >= 26 ? 'A' : total >= 21 ? 'B' : total >= 15 ? 'C' : 'D';
  return { total, grade };
}
