import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { SellersModule } from '#libs/sellers';
import { FeeScheduleRepository } from './fee-schedule.repository.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { ManualCsvPayoutGateway, PAYOUT_GATEWAY } from './payout-gateway.js';
import { PayoutsService } from './payouts.service.js';
import { SettlementPostings } from './settlement-postings.service.js';
import { SettlementSubscribers } from './settlement-subscribers.js';

/** The double-entry ledger, the settlement postings and their subscribers to commerce's order events (no HTTP side: the worker and the CLI take this one). */
@Module({
  imports: [SellersModule, CatalogueModule, CommerceModule, AuditModule],
  providers: [
    LedgerRepository,
    LedgerService,
    FeeScheduleRepository,
    FeeSchedule,
    SettlementPostings,
    SettlementSubscribers,
    PayoutsService,
    { provide: PAYOUT_GATEWAY, useClass: ManualCsvPayoutGateway },
  ],
  exports: [LedgerService, FeeSchedule, SettlementPostings, PayoutsService],
})
export class LedgerModule {}
