import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { SellersModule } from '#libs/sellers';
import { FeeScheduleRepository } from './fee-schedule.repository.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { SettlementPostings } from './settlement-postings.service.js';

/** The double-entry ledger and the settlement postings (no HTTP side: the worker and the CLI take this one). */
@Module({
  imports: [SellersModule, CatalogueModule, AuditModule],
  providers: [LedgerRepository, LedgerService, FeeScheduleRepository, FeeSchedule, SettlementPostings],
  exports: [LedgerService, FeeSchedule, SettlementPostings],
})
export class LedgerModule {}
