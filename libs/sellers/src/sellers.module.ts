import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { IdentityModule } from '#libs/identity';
import { CooperativeInvitation } from './cooperatives/cooperative-invitation.entity.js';
import { CooperativeMembership } from './cooperatives/cooperative-membership.service.js';
import { Cooperative } from './cooperatives/cooperative.entity.js';
import { CooperativesService } from './cooperatives/cooperatives.service.js';
import { DemoSellersSeeder } from './demo-sellers.seeder.js';
import { SellerAccess } from './seller-access.service.js';
import { SellerDocument } from './documents/seller-document.entity.js';
import { SellerDocumentsService } from './documents/seller-documents.service.js';
import { Seller } from './seller.entity.js';
import { SellersService } from './sellers.service.js';
import { StorefrontLinks } from './storefront-links.repository.js';

/** The services of sellers, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [SellersService, SellerAccess, SellerDocumentsService, CooperativesService, CooperativeMembership, StorefrontLinks, DemoSellersSeeder];

@Module({
  imports: [IdentityModule, AuditModule, TypeOrmModule.forFeature([Seller, Cooperative, SellerDocument, CooperativeInvitation])],
  providers: [...SERVICES],
  exports: [...SERVICES],
})
export class SellersModule {}
