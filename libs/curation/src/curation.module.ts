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
import { CurationReports } from './curation-reports.repository.js';
import { CuratorScope } from './curator-scope.service.js';
import { DashboardService } from './dashboard.service.js';
import { DemoCurationSeeder } from './demo-curation.seeder.js';
import { FeaturedSeller } from './featured-seller.entity.js';
import { FeaturedService } from './featured.service.js';
import { SellerRegencyService } from './seller-regency.service.js';
import { VerificationService } from './verification.service.js';

/** The services of curation, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [CuratorScope, AuditTrail, VerificationService, SellerRegencyService, AssessmentsService, FeaturedService, CurationReports, DashboardService, DemoCurationSeeder];

@Module({
  imports: [TypeOrmModule.forFeature([FeaturedSeller, CurationAssessment]), IdentityModule, AuditModule, SellersModule, ExportModule],
  providers: [...SERVICES],
  exports: [...SERVICES],
})
export class CurationModule {}
