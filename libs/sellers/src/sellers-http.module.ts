import { IdentityModule } from '#libs/identity';
import { AuditModule } from '#libs/audit';
import { Module } from '@nestjs/common';
import { CooperativeInvitationsController } from './cooperatives/cooperative-invitations.controller.js';
import { CooperativeMembershipPagesController } from './cooperatives/cooperative-membership-pages.controller.js';
import { CooperativesController } from './cooperatives/cooperatives.controller.js';
import { DashboardPagesController } from './dashboard-pages.controller.js';
import { MySellersController } from './my-sellers.controller.js';
import { SellerDirectoryPageController } from './seller-directory-page.controller.js';
import { SellerProfilePageController } from './seller-profile-page.controller.js';
import { SellersController } from './sellers.controller.js';
import { SellersModule } from './sellers.module.js';

/** The HTTP side of sellers: its API routes and pages. Only the web app imports it; the worker and the CLI take SellersModule alone. */
@Module({
  imports: [SellersModule, IdentityModule, AuditModule],
  exports: [SellersModule],
  controllers: [
    SellersController,
    CooperativesController,
    CooperativeInvitationsController,
    MySellersController,
    DashboardPagesController,
    CooperativeMembershipPagesController,
    SellerDirectoryPageController,
    SellerProfilePageController,
  ],
})
export class SellersHttpModule {}
