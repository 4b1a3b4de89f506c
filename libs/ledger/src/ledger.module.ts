import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { IdentityModule } from '#libs/identity';
import { APP_CONFIG, type AppConfig } from '#libs/platform';
import { SellersModule } from '#libs/sellers';
import { FeeScheduleRepository } from './fee-schedule.repository.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerMetrics } from './ledger-metrics.js';
import { GatewayFees } from './gateway-fees.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { LedgerPersonalData } from './ledger-personal-data.js';
import { ManualCsvPayoutGateway, PAYOUT_GATEWAY } from './payout-gateway.js';
import { XenditPayoutGateway } from './xendit-payout-gateway.js';
import { XenditPayouts } from './xendit-payouts.js';
import { PayoutAccounts } from './payout-accounts.service.js';
import { PayoutsService } from './payouts.service.js';
import { SettlementPostings } from './settlement-postings.service.js';
import { SettlementSubscribers } from './settlement-subscribers.js';

/** The double-entry ledger, the settlement postings and their subscribers to commerce's order events (no HTTP side: the worker and the CLI take this one). */
@Module({
  imports: [IdentityModule, SellersModule, CatalogueModule, CommerceModule, AuditModule],
  providers: [
    LedgerRepository,
    LedgerService,
    FeeScheduleRepository,
    FeeSchedule,
    SettlementPostings,
    SettlementSubscribers,
    GatewayFees,
    PayoutAccounts,
    PayoutsService,
    LedgerMetrics,
    LedgerPersonalData,
    XenditPayouts,
    // Xendit sends payouts when it is configured; otherwise the admin's bank bulk-transfer file.
    { provide: PAYOUT_GATEWAY, useFactory: (config: AppConfig) => (config.xenditSecretKey ? new XenditPayoutGateway(config) : new ManualCsvPayoutGateway()), inject: [APP_CONFIG] },
  ],
  exports: [LedgerService, FeeSchedule, SettlementPostings, PayoutAccounts, PayoutsService, XenditPayouts],
})
export class LedgerModule {}
