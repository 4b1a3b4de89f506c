import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { IdentityModule } from '#libs/identity';
import { SellersModule } from '#libs/sellers';
import { DemoExportSeeder } from './demo-export.seeder.js';
import { ExportDocumentSlots } from './export-document-slots.js';
import { ExportProfile } from './export-profile.entity.js';
import { ExportProfilesService } from './export-profiles.service.js';
import { ExportReadinessService } from './export-readiness.service.js';
import { Quote } from './quote.entity.js';
import { ReadinessFacts } from './readiness-facts.repository.js';
import { Rfq } from './rfq.entity.js';
import { RfqsService } from './rfqs.service.js';
import { RfqsPersonalData } from './rfqs-personal-data.js';

/** The services of export, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [ReadinessFacts, ExportReadinessService, ExportProfilesService, RfqsService, DemoExportSeeder];

@Module({
  imports: [TypeOrmModule.forFeature([ExportProfile, Rfq, Quote]), IdentityModule, SellersModule, CatalogueModule, CommerceModule],
  providers: [...SERVICES, RfqsPersonalData, ExportDocumentSlots],
  exports: [...SERVICES],
})
export class ExportModule {}
