import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { IdentityModule } from '#libs/identity';
import { SellersModule } from '#libs/sellers';
import { AnalyticsRepository } from './analytics/analytics.repository.js';
import { Analytics } from './analytics/analytics.service.js';
import { ReputationRepository } from './reputation/reputation.repository.js';
import { Reputation } from './reputation/reputation.service.js';
import { ReviewFacts } from './reviews/review-facts.repository.js';
import { ReviewPhotoCleanup } from './reviews/review-photo-cleanup.service.js';
import { ReviewPrompts } from './reviews/review-prompts.js';
import { ReviewReport } from './reviews/review-report.entity.js';
import { ReviewSlots } from './reviews/review-slots.js';
import { Review } from './reviews/review.entity.js';
import { ReviewsDemoSeeder } from './reviews/reviews-demo.seeder.js';
import { ReviewsService } from './reviews/reviews.service.js';
import { ReviewsPersonalData } from './reviews/reviews-personal-data.js';
import { SalesStatements } from './statements/sales-statement.service.js';
import { SellerAnalytics } from './analytics/seller-analytics.service.js';
import { SellerReputationScores } from './reputation/seller-reputation-scores.service.js';

/** The services of reviews, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [
  ReviewsService,
  ReviewFacts,
  ReviewSlots,
  ReviewPrompts,
  ReviewPhotoCleanup,
  Reputation,
  ReputationRepository,
  Analytics,
  AnalyticsRepository,
  SellerAnalytics,
  SalesStatements,
  ReviewsDemoSeeder,
  SellerReputationScores,
];

@Module({
  imports: [TypeOrmModule.forFeature([Review, ReviewReport]), IdentityModule, SellersModule, CatalogueModule, AuditModule],
  providers: [...SERVICES, ReviewsPersonalData],
  exports: [...SERVICES],
})
export class ReviewsModule {}
