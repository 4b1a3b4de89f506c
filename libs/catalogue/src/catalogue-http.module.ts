import { SellersModule } from '#libs/sellers';
import { Module } from '@nestjs/common';
import { CatalogueModule } from './catalogue.module.js';
import { CategoriesController } from './categories.controller.js';
import { CategoryPageController } from './category-page.controller.js';
import { ImportsController } from './imports.controller.js';
import { MediaController } from './media.controller.js';
import { ProductPageController } from './product-page.controller.js';
import { ProductsController } from './products.controller.js';
import { SellerProductsPagesController } from './seller-products-pages.controller.js';

/** The HTTP side of catalogue: its API routes and pages. Only the web app imports it; the worker and the CLI take CatalogueModule alone. */
@Module({
  imports: [CatalogueModule, SellersModule],
  exports: [CatalogueModule],
  controllers: [CategoriesController, ProductsController, MediaController, ImportsController, ProductPageController, CategoryPageController, SellerProductsPagesController],
})
export class CatalogueHttpModule {}
