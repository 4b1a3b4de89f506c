import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { SellersModule } from '#libs/sellers';
import { DemoStorefrontsSeeder } from './demo-storefronts.seeder.js';
import { StorefrontEditorController } from './storefront-editor.controller.js';
import { StorefrontDataRepository } from './storefront-data.repository.js';
import { StorefrontPageCache } from './storefront-page-cache.js';
import { StorefrontPageController } from './storefront-page.controller.js';
import { StorefrontRenderer } from './storefront-renderer.js';
import { StorefrontVersion } from './storefront-version.entity.js';
import { Storefront } from './storefront.entity.js';
import { StorefrontsController, StorefrontThemesController } from './storefronts.controller.js';
import { StorefrontStamps } from './storefront-stamps.js';
import { StorefrontsService } from './storefronts.service.js';
import { ThemeRegistry } from './theme-registry.js';

@Module({
  imports: [TypeOrmModule.forFeature([Storefront, StorefrontVersion]), SellersModule, CatalogueModule],
  controllers: [StorefrontThemesController, StorefrontsController, StorefrontPageController, StorefrontEditorController],
  providers: [DemoStorefrontsSeeder, ThemeRegistry, StorefrontDataRepository, StorefrontsService, StorefrontRenderer, StorefrontPageCache, StorefrontStamps],
  exports: [StorefrontsService],
})
export class StorefrontsModule {}
