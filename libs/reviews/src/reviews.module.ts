import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { SellersModule } from '#libs/sellers';
import { AnalyticsRepository } from './analytics.repository.js';
import { Analytics } from './analytics.service.js';
import { ReputationRepository } from './reputation.repository.js';
import { Reputation } from './reputation.service.js';
import { ReviewFacts } from './review-facts.repository.js';
import { ReviewPhotoCleanup } from './review-photo-cleanup.service.js';
import { ReviewReport } from './review-report.entity.js';
import { ReviewSlots } from './review-slots.js';
import { Review } from './review.entity.js';
import { ReviewsDemoSeeder } from './reviews-demo.seeder.js';
import { ReviewsService } from './reviews.service.js';
import { SalesStatements } from './sales-statement.service.js';
import { SellerAnalytics } from './seller-analytics.service.js';
import { SellerReputationScores } from './seller-reputation-scores.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Review, ReviewReport]), SellersModule, CatalogueModule, AuditModule],
  providers: [
    ReviewsService,
    ReviewFacts,
    ReviewSlots,
    ReviewPhotoCleanup,
    Reputation,
    ReputationRepository,
    Analytics,
    AnalyticsRepository,
    SellerAnalytics,
    SalesStatements,
    ReviewsDemoSeeder,
    SellerReputationScores,
  ],
  exports: [ReviewsService, Reputation, Analytics, ReviewFacts, ReviewSlots, ReviewPhotoCleanup, ReputationRepository, AnalyticsRepository, SellerAnalytics, SalesStatements, ReviewsDemoSeeder, SellerReputationScores],
})
export class ReviewsModule {}
