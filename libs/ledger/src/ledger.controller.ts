import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerQuery, ledgerRange } from './ledger.dto.js';
import { LedgerService } from './ledger.service.js';

const BALANCE = '{ held: Money, available: Money, inTransit: Money, paidOut: Money, owed: Money } (owed > 0 when refunds after release exceeded the balance; netted from later sales)';
const STATEMENT =
  '{ items: [{ at, type: sale|commission|cooperative_fee|release|refund|payout|payout_reversal|adjustment, account: held|available|in_transit|owed, amount: Money (signed as the owner reads the account), balanceAfter: Money, description, orderId?, payoutId?, disputeId? }], total, page, perPage }, newest first';

/** Balances and statements of sellers and cooperatives, and the platform's trial balance. */
@ApiController('', 'ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly access: SellerAccess,
    private readonly fees: FeeSchedule,
  ) {}

  @Get('admin/ledger/trial-balance')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Every ledger account with a balance (debits positive, credits negative) and their total, which is always zero' })
  @ApiOkResponse({ description: '{ accounts: [{ account, normalSide, balance: Money }], total: Money }' })
  trialBalance() {
    return this.ledger.trialBalance();
  }

  @Get('sellers/:id/balance')
  @Authenticated()
  @ApiOperation({ summary: "A seller's money: held until its orders complete, available for payout, in transit, paid out, owed (its owner, its cooperative's coop_admin, admins)" })
  @ApiOkResponse({ description: BALANCE })
  async sellerBalance(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    await this.access.assertCanManage(user, id);
    return this.ledger.balances('seller', id);
  }

  @Get('sellers/:id/ledger')
  @Authenticated()
  @ApiOperation({ summary: "A seller's ledger lines (same access as its balance)" })
  @ApiOkResponse({ description: STATEMENT })
  async sellerLedger(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: LedgerQuery) {
    await this.access.assertCanManage(user, id);
    return this.ledger.statement('seller', id, { ...ledgerRange(query), page: query.page, perPage: query.perPage });
  }

  @Get('cooperatives/:id/balance')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: "A cooperative's own money, its member fees (its coop_admin, admins)" })
  @ApiOkResponse({ description: BALANCE })
  async cooperativeBalance(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    await this.fees.assertCooperativeManager(user, id);
    return this.ledger.balances('cooperative', id);
  }

  @Get('cooperatives/:id/ledger')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: "A cooperative's ledger lines (its coop_admin, admins)" })
  @ApiOkResponse({ description: STATEMENT })
  async cooperativeLedger(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: LedgerQuery) {
    await this.fees.assertCooperativeManager(user, id);
    return this.ledger.statement('cooperative', id, { ...ledgerRange(query), page: query.page, perPage: query.perPage });
  }
}
