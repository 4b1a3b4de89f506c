import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportModule } from '#libs/export';
import { SellersModule } from '#libs/sellers';
import { AssessmentsService } from './assessments.service.js';
import { AuditLog } from './audit-log.service.js';
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
import { VerificationService } from './verification.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([FeaturedSeller, CurationAssessment]), SellersModule, ExportModule],
  controllers: [CurationController, CurationFeaturedController, FeaturedController, CurationReportsController, SellerAssessmentsController, SellerGradesPageController, CurationPagesController],
  providers: [CuratorScope, AuditLog, VerificationService, AssessmentsService, FeaturedService, CurationReports, DashboardService, DemoCurationSeeder],
  exports: [AuditLog, CuratorScope, FeaturedService],
})
export class CurationModule {}
