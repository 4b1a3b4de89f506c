import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SellersModule } from '#libs/sellers';
import { CategoriesService } from './categories/categories.service.js';
import { Category } from './categories/category.entity.js';
import { DemoCatalogueSeeder } from './demo-catalogue.seeder.js';
import { CatalogueImport } from './imports/import.entity.js';
import { ImportsService } from './imports/imports.service.js';
import { Media } from './media/media.entity.js';
import { MediaService } from './media/media.service.js';
import { ProductBulkWriter } from './imports/product-bulk-writer.js';
import { Product } from './products/product.entity.js';
import { ProductVariant } from './products/product-variant.entity.js';
import { ProductsService } from './products/products.service.js';
import { StockService } from './products/stock.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, ProductVariant, Media, CatalogueImport]), SellersModule],
  providers: [CategoriesService, ProductsService, StockService, MediaService, ProductBulkWriter, ImportsService, DemoCatalogueSeeder],
  exports: [CategoriesService, ProductsService, StockService, MediaService, ImportsService, ProductBulkWriter, DemoCatalogueSeeder],
})
export class CatalogueModule {}
