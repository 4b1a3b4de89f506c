import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SellersModule } from '#libs/sellers';
import { CategoriesService } from './categories.service.js';
import { Category } from './category.entity.js';
import { DemoCatalogueSeeder } from './demo-catalogue.seeder.js';
import { CatalogueImport } from './import.entity.js';
import { ImportsService } from './imports.service.js';
import { Media } from './media.entity.js';
import { MediaService } from './media.service.js';
import { ProductBulkWriter } from './product-bulk-writer.js';
import { Product } from './product.entity.js';
import { ProductVariant } from './product-variant.entity.js';
import { ProductsService } from './products.service.js';
import { StockService } from './stock.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, ProductVariant, Media, CatalogueImport]), SellersModule],
  providers: [CategoriesService, ProductsService, StockService, MediaService, ProductBulkWriter, ImportsService, DemoCatalogueSeeder],
  exports: [CategoriesService, ProductsService, StockService, MediaService, ImportsService, ProductBulkWriter, DemoCatalogueSeeder],
})
export class CatalogueModule {}
