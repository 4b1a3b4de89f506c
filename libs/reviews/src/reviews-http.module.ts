import { SellersModule } from '#libs/sellers';
import { CatalogueModule } from '#libs/catalogue';
import { AuditModule } from '#libs/audit';
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AnalyticsPageController } from './analytics/analytics-page.controller.js';
import { ReputationController } from './reputation/reputation.controller.js';
import { ReviewPagesController } from './reviews/review-pages.controller.js';
import { ReviewPhotosController } from './reviews/review-photos.controller.js';
import { ReviewsController } from './reviews/reviews.controller.js';
import { ReviewsModule } from './reviews.module.js';
import { VisitCounter } from './analytics/visit-counter.middleware.js';
import { SellerReportsController } from './statements/seller-reports.controller.js';

/** The HTTP side of reviews: its API routes and pages. Only the web app imports it; the worker and the CLI take ReviewsModule alone. */
@Module({
  imports: [ReviewsModule, SellersModule, CatalogueModule, AuditModule],
  exports: [ReviewsModule],
  controllers: [ReviewsController, ReviewPhotosController, ReputationController, SellerReportsController, AnalyticsPageController, ReviewPagesController],
})
export class ReviewsHttpModule implements NestModule {
  /** Counts page views, search impressions and clicks and cart adds without editing the controllers that serve them. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(VisitCounter)
      .forRoutes(
        { path: 'products/:id', method: RequestMethod.GET },
        { path: 's/:slug', method: RequestMethod.GET },
        { path: 'cart/items', method: RequestMethod.POST },
        { path: 'api/v1/cart/items', method: RequestMethod.POST },
        { path: 'search', method: RequestMethod.GET },
        { path: 'api/v1/catalogue', method: RequestMethod.GET },
      );
  }
}
