/**
 * The tables reviews owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: ['reviews', 'review_photos', 'review_reports', 'daily_stats', 'seller_reputation_scores'],
  views: ['reviews_seller_scores_v', 'reviews_changes_v'],
} as const;
