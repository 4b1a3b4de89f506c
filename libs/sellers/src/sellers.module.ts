import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '#libs/identity';
import { Cooperative } from './cooperative.entity.js';
import { CooperativesController } from './cooperatives.controller.js';
import { CooperativesService } from './cooperatives.service.js';
import { DashboardPagesController } from './dashboard-pages.controller.js';
import { DemoSellersSeeder } from './demo-sellers.seeder.js';
import { MySellersController } from './my-sellers.controller.js';
import { SellerAccess } from './seller-access.service.js';
import { SellerProfilePageController } from './seller-profile-page.controller.js';
import { SellerDocument } from './seller-document.entity.js';
import { SellerDocumentsService } from './seller-documents.service.js';
import { Seller } from './seller.entity.js';
import { SellersController } from './sellers.controller.js';
import { SellersService } from './sellers.service.js';
import { SellerDirectoryPageController } from './seller-directory-page.controller.js';
import { StorefrontLinks } from './storefront-links.repository.js';

@Module({
  imports: [IdentityModule, TypeOrmModule.forFeature([Seller, Cooperative, SellerDocument])],
  controllers: [SellersController, CooperativesController, MySellersController, DashboardPagesController, SellerDirectoryPageController, SellerProfilePageController],
  providers: [SellersService, SellerAccess, SellerDocumentsService, CooperativesService, StorefrontLinks, DemoSellersSeeder],
  exports: [SellersService, SellerAccess, SellerDocumentsService, CooperativesService, StorefrontLinks],
})
export class SellersModule {}
