import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { SellersModule } from '#libs/sellers';
import { DemoStorefrontsSeeder } from './demo-storefronts.seeder.js';
import { StorefrontChangeNotices } from './storefront-change-notices.js';
import { StorefrontDataRepository } from './storefront-data.repository.js';
import { StorefrontPageCache } from './storefront-page-cache.js';
import { StorefrontRenderer } from './storefront-renderer.js';
import { StorefrontVersion } from './storefront-version.entity.js';
import { Storefront } from './storefront.entity.js';
import { StorefrontStamps } from './storefront-stamps.js';
import { StorefrontsService } from './storefronts.service.js';
import { ThemeRegistry } from './theme-registry.js';

@Module({
  imports: [TypeOrmModule.forFeature([Storefront, StorefrontVersion]), SellersModule, CatalogueModule],
  providers: [DemoStorefrontsSeeder, ThemeRegistry, StorefrontDataRepository, StorefrontsService, StorefrontRenderer, StorefrontPageCache, StorefrontStamps, StorefrontChangeNotices],
  exports: [StorefrontsService, DemoStorefrontsSeeder, ThemeRegistry, StorefrontDataRepository, StorefrontRenderer, StorefrontPageCache, StorefrontStamps],
})
export class StorefrontsModule {}
