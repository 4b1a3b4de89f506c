export { ReviewsModule } from './reviews.module.js';
export { ReviewsService, toReviewView, type ReviewView, type ReviewSummary, type ReviewPage } from './reviews.service.js';
export { Reputation, type ReputationView } from './reputation.service.js';
export { SellerReputationScores, REPUTATION_SCORES_JOB } from './seller-reputation-scores.service.js';
export { THRESHOLDS, FORMULAS, METRICS, REPUTATION_WINDOW_DAYS, HANDLING_HOURS, isTrusted, rankingScore, type Metric } from './reputation-model.js';
export { Analytics, isBot, STAT_KINDS, type StatKind, type VisitHeaders } from './analytics.service.js';
export { barChart, type BarChartInput, type ChartPoint } from './svg-chart.js';
export { Review } from './review.entity.js';
