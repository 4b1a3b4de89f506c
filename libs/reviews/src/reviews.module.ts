import './messages.js';
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { SellersModule } from '#libs/sellers';
import { AnalyticsPageController } from './analytics-page.controller.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { Analytics } from './analytics.service.js';
import { ReputationController } from './reputation.controller.js';
import { ReputationRepository } from './reputation.repository.js';
import { Reputation } from './reputation.service.js';
import { ReviewFacts } from './review-facts.repository.js';
import { ReviewPagesController } from './review-pages.controller.js';
import { ReviewPhotoCleanup } from './review-photo-cleanup.service.js';
import { ReviewPhotosController } from './review-photos.controller.js';
import { ReviewReport } from './review-report.entity.js';
import { ReviewSlots } from './review-slots.js';
import { Review } from './review.entity.js';
import { ReviewsDemoSeeder } from './reviews-demo.seeder.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsService } from './reviews.service.js';
import { SalesStatements } from './sales-statement.service.js';
import { SellerAnalytics } from './seller-analytics.service.js';
import { SellerReportsController } from './seller-reports.controller.js';
import { SellerReputationScores } from './seller-reputation-scores.service.js';
import { VisitCounter } from './visit-counter.middleware.js';

@Module({
  imports: [TypeOrmModule.forFeature([Review, ReviewReport]), SellersModule, CatalogueModule, AuditModule],
  controllers: [ReviewsController, ReviewPhotosController, ReputationController, SellerReportsController, AnalyticsPageController, ReviewPagesController],
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
  exports: [ReviewsService, Reputation, Analytics],
})
export class ReviewsModule implements NestModule {
  /** Counts page views, search impressions and clicks and cart adds without editing the controllers that serve them. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(VisitCounter).forRoutes(
      { path: 'products/:id', method: RequestMethod.GET },
      { path: 's/:slug', method: RequestMethod.GET },
      { path: 'cart/items', method: RequestMethod.POST },
      { path: 'api/v1/cart/items', method: RequestMethod.POST },
      { path: 'search', method: RequestMethod.GET },
      { path: 'api/v1/catalogue', method: RequestMethod.GET },
    );
  }
}
