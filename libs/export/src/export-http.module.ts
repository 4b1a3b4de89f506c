import { SellersModule } from '#libs/sellers';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { Module } from '@nestjs/common';
import { ExportController } from './export.controller.js';
import { ExportModule } from './export.module.js';
import { ExportPagesController } from './export-pages.controller.js';
import { RfqsController } from './rfqs.controller.js';

/** The HTTP side of export: its API routes and pages. Only the web app imports it; the worker and the CLI take ExportModule alone. */
@Module({
  imports: [ExportModule, SellersModule, CatalogueModule, CommerceModule],
  exports: [ExportModule],
  controllers: [ExportController, RfqsController, ExportPagesController],
})
export class ExportHttpModule {}
