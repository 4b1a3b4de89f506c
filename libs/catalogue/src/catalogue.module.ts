import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SellersModule } from '#libs/sellers';
import { CategoriesController } from './categories.controller.js';
import { CategoriesService } from './categories.service.js';
import { CategoryPageController } from './category-page.controller.js';
import { Category } from './category.entity.js';
import { DemoCatalogueSeeder } from './demo-catalogue.seeder.js';
import { CatalogueImport } from './import.entity.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';
import { MediaController } from './media.controller.js';
import { Media } from './media.entity.js';
import { MediaService } from './media.service.js';
import { ProductBulkWriter } from './product-bulk-writer.js';
import { ProductPageController } from './product-page.controller.js';
import { Product } from './product.entity.js';
import { ProductVariant } from './product-variant.entity.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';
import { SellerProductsPagesController } from './seller-products-pages.controller.js';
import { StockService } from './stock.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, ProductVariant, Media, CatalogueImport]), SellersModule],
  controllers: [CategoriesController, ProductsController, MediaController, ImportsController, ProductPageController, CategoryPageController, SellerProductsPagesController],
  providers: [CategoriesService, ProductsService, StockService, MediaService, ProductBulkWriter, ImportsService, DemoCatalogueSeeder],
  exports: [CategoriesService, ProductsService, StockService, MediaService, ImportsService],
})
export class CatalogueModule {}
