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

/** The services of storefronts, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [DemoStorefrontsSeeder, ThemeRegistry, StorefrontDataRepository, StorefrontsService, StorefrontRenderer, StorefrontPageCache, StorefrontStamps];

@Module({
  imports: [TypeOrmModule.forFeature([Storefront, StorefrontVersion]), SellersModule, CatalogueModule],
  providers: [...SERVICES, StorefrontChangeNotices],
  exports: [...SERVICES],
})
export class StorefrontsModule {}
