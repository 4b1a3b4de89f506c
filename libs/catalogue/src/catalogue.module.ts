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

/** The services of catalogue, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [CategoriesService, ProductsService, StockService, MediaService, ProductBulkWriter, ImportsService, DemoCatalogueSeeder];

@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, ProductVariant, Media, CatalogueImport]), SellersModule],
  providers: [...SERVICES],
  exports: [...SERVICES],
})
export class CatalogueModule {}
