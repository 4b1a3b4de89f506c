import './messages.js';
import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { IdentityModule } from '#libs/identity';
import { LedgerModule } from '#libs/ledger';
import { SellersModule } from '#libs/sellers';
import { DisputesService } from './disputes.service.js';
import { DisputesPersonalData } from './disputes-personal-data.js';

/** Disputes' services, its completion guard and its overdue sweep (the worker and the CLI take this one). */
@Module({ imports: [IdentityModule, SellersModule, CatalogueModule, CommerceModule, LedgerModule, AuditModule], providers: [DisputesService, DisputesPersonalData], exports: [DisputesService] })
export class DisputesModule {}
