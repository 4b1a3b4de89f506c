import { SellersModule } from '#libs/sellers';
import { CatalogueModule } from '#libs/catalogue';
import { Module } from '@nestjs/common';
import { StorefrontEditorController } from './storefront-editor.controller.js';
import { StorefrontPageController } from './storefront-page.controller.js';
import { StorefrontThemesController } from './storefronts.controller.js';
import { StorefrontsController } from './storefronts.controller.js';
import { StorefrontsModule } from './storefronts.module.js';

/** The HTTP side of storefronts: its API routes and pages. Only the web app imports it; the worker and the CLI take StorefrontsModule alone. */
@Module({
  imports: [StorefrontsModule, SellersModule, CatalogueModule],
  exports: [StorefrontsModule],
  controllers: [StorefrontThemesController, StorefrontsController, StorefrontPageController, StorefrontEditorController],
})
export class StorefrontsHttpModule {}
