import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { ExportModule } from '#libs/export';
import { IdentityModule } from '#libs/identity';
import { SellersModule } from '#libs/sellers';
import { AssessmentsService } from './assessments.service.js';
import { AuditTrail } from './audit-trail.service.js';
import { CurationAssessment } from './curation-assessment.entity.js';
import { CurationPagesController } from './curation-pages.controller.js';
import { CurationReports } from './curation-reports.repository.js';
import { CurationController } from './curation.controller.js';
import { CuratorScope } from './curator-scope.service.js';
import { DashboardService } from './dashboard.service.js';
import { DemoCurationSeeder } from './demo-curation.seeder.js';
import { FeaturedSeller } from './featured-seller.entity.js';
import { CurationFeaturedController, FeaturedController } from './featured.controller.js';
import { FeaturedService } from './featured.service.js';
import { CurationReportsController } from './reports.controller.js';
import { SellerAssessmentsController, SellerGradesPageController } from './seller-assessments.controller.js';
import { SellerRegencyService } from './seller-regency.service.js';
import { VerificationService } from './verification.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([FeaturedSeller, CurationAssessment]), IdentityModule, AuditModule, SellersModule, ExportModule],
  controllers: [CurationController, CurationFeaturedController, FeaturedController, CurationReportsController, SellerAssessmentsController, SellerGradesPageController, CurationPagesController],
  providers: [CuratorScope, AuditTrail, VerificationService, SellerRegencyService, AssessmentsService, FeaturedService, CurationReports, DashboardService, DemoCurationSeeder],
  exports: [CuratorScope, FeaturedService],
})
export class CurationModule {}
