import { IdentityModule } from '#libs/identity';
import { AuditModule } from '#libs/audit';
import { SellersModule } from '#libs/sellers';
import { ExportModule } from '#libs/export';
import { Module } from '@nestjs/common';
import { CurationController } from './curation.controller.js';
import { CurationFeaturedController } from './featured.controller.js';
import { CurationModule } from './curation.module.js';
import { CurationPagesController } from './curation-pages.controller.js';
import { CurationReportsController } from './reports.controller.js';
import { FeaturedController } from './featured.controller.js';
import { SellerAssessmentsController } from './seller-assessments.controller.js';
import { SellerGradesPageController } from './seller-assessments.controller.js';

/** The HTTP side of curation: its API routes and pages. Only the web app imports it; the worker and the CLI take CurationModule alone. */
@Module({
  imports: [CurationModule, IdentityModule, AuditModule, SellersModule, ExportModule],
  exports: [CurationModule],
  controllers: [CurationController, CurationFeaturedController, FeaturedController, CurationReportsController, SellerAssessmentsController, SellerGradesPageController, CurationPagesController],
})
export class CurationHttpModule {}
