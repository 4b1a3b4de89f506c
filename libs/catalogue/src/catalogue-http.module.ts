import { SellersModule } from '#libs/sellers';
import { Module } from '@nestjs/common';
import { CatalogueModule } from './catalogue.module.js';
import { CategoriesController } from './categories/categories.controller.js';
import { CategoryPageController } from './categories/category-page.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { MediaController } from './media/media.controller.js';
import { ProductPageController } from './products/product-page.controller.js';
import { ProductsController } from './products/products.controller.js';
import { SellerProductsPagesController } from './products/seller-products-pages.controller.js';

/** The HTTP side of catalogue: its API routes and pages. Only the web app imports it; the worker and the CLI take CatalogueModule alone. */
@Module({
  imports: [CatalogueModule, SellersModule],
  exports: [CatalogueModule],
  controllers: [CategoriesController, ProductsController, MediaController, ImportsController, ProductPageController, CategoryPageController, SellerProductsPagesController],
})
export class CatalogueHttpModule {}
