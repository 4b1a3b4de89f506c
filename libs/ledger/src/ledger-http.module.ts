import { Module } from '@nestjs/common';
import { SellersModule } from '#libs/sellers';
import { FeesController } from './fees.controller.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerModule } from './ledger.module.js';
import { PayoutPagesController } from './payout-pages.controller.js';
import { PayoutsController } from './payouts.controller.js';
import { XenditPayoutsController } from './xendit-payouts.controller.js';

/** The HTTP side of the ledger: balances, statements, trial balance, the fee schedule, payouts and the Saldo and payout batch pages. Only the web app imports it. */
@Module({
  imports: [LedgerModule, SellersModule],
  exports: [LedgerModule],
  controllers: [LedgerController, FeesController, PayoutsController, PayoutPagesController, XenditPayoutsController],
})
export class LedgerHttpModule {}
