import { SellersModule } from '#libs/sellers';
import { CatalogueModule } from '#libs/catalogue';
import { Module } from '@nestjs/common';
import { StorefrontEdge } from './storefront-edge.js';
import { StorefrontEditorController } from './storefront-editor.controller.js';
import { StorefrontPageController } from './storefront-page.controller.js';
import { StorefrontThemesController } from './storefronts.controller.js';
import { StorefrontsController } from './storefronts.controller.js';
import { StorefrontsModule } from './storefronts.module.js';

/** The HTTP side of storefronts: its API routes and pages. Only the web app imports it; the worker and the CLI take StorefrontsModule alone. */
@Module({
  imports: [StorefrontsModule, SellersModule, CatalogueModule],
  controllers: [StorefrontThemesController, StorefrontsController, StorefrontPageController, StorefrontEditorController],
  providers: [StorefrontEdge],
  exports: [StorefrontsModule, StorefrontEdge],
})
export class StorefrontsHttpModule {}
