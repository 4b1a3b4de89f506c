import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { IdentityModule } from '#libs/identity';
import { CooperativeInvitation } from './cooperative-invitation.entity.js';
import { CooperativeInvitationsController } from './cooperative-invitations.controller.js';
import { CooperativeMembershipPagesController } from './cooperative-membership-pages.controller.js';
import { CooperativeMembership } from './cooperative-membership.service.js';
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
  imports: [IdentityModule, AuditModule, TypeOrmModule.forFeature([Seller, Cooperative, SellerDocument, CooperativeInvitation])],
  controllers: [SellersController, CooperativesController, CooperativeInvitationsController, MySellersController, DashboardPagesController, CooperativeMembershipPagesController, SellerDirectoryPageController, SellerProfilePageController],
  providers: [SellersService, SellerAccess, SellerDocumentsService, CooperativesService, CooperativeMembership, StorefrontLinks, DemoSellersSeeder],
  exports: [SellersService, SellerAccess, SellerDocumentsService, CooperativesService, StorefrontLinks],
})
export class SellersModule {}
