import { Module } from '@nestjs/common';
import { SellersModule } from '#libs/sellers';
import { FeesController } from './fees.controller.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerModule } from './ledger.module.js';

/** The HTTP side of the ledger: balances, statements, trial balance and the fee schedule. Only the web app imports it. */
@Module({
  imports: [LedgerModule, SellersModule],
  exports: [LedgerModule],
  controllers: [LedgerController, FeesController],
})
export class LedgerHttpModule {}
