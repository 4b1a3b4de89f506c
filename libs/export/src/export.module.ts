import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { SellersModule } from '#libs/sellers';
import { DemoExportSeeder } from './demo-export.seeder.js';
import { ExportController } from './export.controller.js';
import { ExportPagesController } from './export-pages.controller.js';
import { ExportProfile } from './export-profile.entity.js';
import { ExportProfilesService } from './export-profiles.service.js';
import { ExportReadinessService } from './export-readiness.service.js';
import { Quote } from './quote.entity.js';
import { ReadinessFacts } from './readiness-facts.repository.js';
import { Rfq } from './rfq.entity.js';
import { RfqsController } from './rfqs.controller.js';
import { RfqsService } from './rfqs.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ExportProfile, Rfq, Quote]), SellersModule, CatalogueModule, CommerceModule],
  controllers: [ExportController, RfqsController, ExportPagesController],
  providers: [ReadinessFacts, ExportReadinessService, ExportProfilesService, RfqsService, DemoExportSeeder],
  exports: [ExportReadinessService],
})
export class ExportModule {}
