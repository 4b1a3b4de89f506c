import { Module } from '@nestjs/common';
import { CatalogueModule } from '#libs/catalogue';
import { DisputesController } from './disputes.controller.js';
import { DisputesModule } from './disputes.module.js';
import { DisputesPagesController } from './disputes-pages.controller.js';

/** The HTTP side of disputes: its API routes and pages. Only the web app imports it. */
@Module({ imports: [DisputesModule, CatalogueModule], exports: [DisputesModule], controllers: [DisputesController, DisputesPagesController] })
export class DisputesHttpModule {}
