import { SellersModule } from '#libs/sellers';
import { CatalogueModule } from '#libs/catalogue';
import { AuditModule } from '#libs/audit';
import { Module } from '@nestjs/common';
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
  controllers: [ReviewsController, ReviewPhotosController, ReputationController, SellerReportsController, AnalyticsPageController, ReviewPagesController],
  // The web app mounts VisitCounter ahead of the pages it counts (apps/web create-app.ts).
  providers: [VisitCounter],
  exports: [ReviewsModule, VisitCounter],
})
export class ReviewsHttpModule {}
