import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, conflict, notFound, PageQuery } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { BANKS } from './banks.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { MarkFailedDto, MarkPaidDto, PayoutAccountDto } from './payouts.dto.js';
import { PayoutAccounts } from './payout-accounts.service.js';
import { PayoutsService } from './payouts.service.js';

const ACCOUNT = '{ bankCode, accountNumberLast4, accountHolderName, status: unverified|verified|mismatch, payoutsHeldUntil? } (null when none is set)';
const PAYOUT = '{ id, amount: Money, status: pending|sent|paid|failed, bankCode, accountNumberLast4, createdAt, sentAt?, paidAt?, failedAt?, bankReference?, failureReason? }';

/** Payout accounts, payouts and the admin's payout batches (API.md "Settlement"). */
@ApiController('', 'payouts')
export class PayoutsController {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly accounts: PayoutAccounts,
    private readonly access: SellerAccess,
    private readonly fees: FeeSchedule,
  ) {}

  @Get('banks')
  @Public()
  @ApiOperation({ summary: 'Indonesian banks a payout account can be at' })
  @ApiOkResponse({ description: '[{ code, name }]' })
  banks() {
    return BANKS.map((b) => ({ code: b.code, name: b.name }));
  }

  @Get('sellers/:id/payout-account')
  @Authenticated()
  @ApiOperation({ summary: "A seller's payout account, the number shown as its last 4 digits only (owner, its coop_admin, admins)" })
  @ApiOkResponse({ description: ACCOUNT })
  async sellerAccount(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    await this.access.assertCanManage(user, id);
    return this.accounts.account({ type: 'seller', id });
  }

  @Put('sellers/:id/payout-account')
  @Authenticated()
  @ApiOperation({ summary: "Set a seller's payout account (its owner only). A change holds payouts for 3 days and notifies the owner." })
  @ApiOkResponse({ description: ACCOUNT })
  async setSellerAccount(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: PayoutAccountDto) {
    await this.accounts.assertSellerOwner(user, id);
    return this.accounts.setAccount(user, { type: 'seller', id }, body);
  }

  @Get('sellers/:id/payouts')
  @Authenticated()
  @ApiOperation({ summary: "A seller's payouts, newest first (owner, its coop_admin, admins)" })
  @ApiOkResponse({ description: `{ items: [${PAYOUT}], total, page, perPage }` })
  async sellerPayouts(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery) {
    await this.access.assertCanManage(user, id);
    return this.payouts.listForOwner({ type: 'seller', id }, query);
  }

  @Get('cooperatives/:id/payout-account')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: "A cooperative's payout account (its coop_admin, admins)" })
  @ApiOkResponse({ description: ACCOUNT })
  async cooperativeAccount(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    await this.fees.assertCooperativeManager(user, id);
    return this.accounts.account({ type: 'cooperative', id });
  }

  @Put('cooperatives/:id/payout-account')
  @Authenticated('coop_admin')
  @ApiOperation({ summary: "Set a cooperative's payout account (its coop_admin only). A change holds payouts for 3 days." })
  @ApiOkResponse({ description: ACCOUNT })
  async setCooperativeAccount(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: PayoutAccountDto) {
    await this.accounts.assertCooperativeAdmin(user, id);
    return this.accounts.setAccount(user, { type: 'cooperative', id }, body);
  }

  @Get('cooperatives/:id/payouts')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: "A cooperative's payouts (its coop_admin, admins)" })
  @ApiOkResponse({ description: `{ items: [${PAYOUT}], total, page, perPage }` })
  async cooperativePayouts(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery) {
    await this.fees.assertCooperativeManager(user, id);
    return this.payouts.listForOwner({ type: 'cooperative', id }, query);
  }

  @Post('admin/payouts/run')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Run payouts now: one per seller and cooperative with available ≥ PAYOUT_MINIMUM_IDR, an account set and not on hold' })
  @ApiCreatedResponse({ description: '{ batchId, payouts: [{ id, sellerId | cooperativeId, amount: Money, status }] }' })
  run(@CurrentUser() user: SignedInUser) {
    return this.payouts.run({ requestedBy: user.id });
  }

  @Get('admin/payouts/batches')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Payout batches, newest first' })
  @ApiOkResponse({ description: '{ items: [{ id, runKey, createdAt, sentAt?, open, count, total: Money, counts: { pending, sent, paid, failed } }], total, page, perPage }' })
  batches(@Query() query: PageQuery) {
    return this.payouts.batches(query);
  }

  @Get('admin/payouts/batches/:id')
  @Authenticated('admin')
  @ApiOperation({ summary: "A batch's payouts" })
  @ApiOkResponse({ description: `{ id, payouts: [${PAYOUT}] }` })
  async batch(@Param('id', ParseUUIDPipe) id: string) {
    if (!(await this.payouts.batchExists(id))) throw notFound('Payout batch');
    return { id, payouts: await this.payouts.batchPayouts(id) };
  }

  @Get('admin/payouts/batches/:id/transfers.csv')
  @Authenticated('admin')
  @ApiOperation({ summary: 'The bank bulk-transfer file of a batch (bank_code, account_number, account_holder_name, amount_idr in whole rupiah, reference); marks its pending payouts sent' })
  @ApiOkResponse({ description: 'text/csv' })
  async transfers(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    if (!this.payouts.bankFile) throw conflict('Payouts go through Xendit: there is no bank file to download');
    const { file } = await this.payouts.send(id);
    if (!file) throw conflict('The payout gateway made no bank file');
    res.status(200).type(file.contentType).setHeader('Content-Disposition', `attachment; filename="${file.name}"`).setHeader('Cache-Control', 'no-store').send(file.body);
  }

  @Post('admin/payouts/:id/mark-paid')
  @HttpCode(200)
  @Authenticated('admin')
  @ApiOperation({ summary: 'The bank paid it: in transit → paid out (again: unchanged; a failed one: 409)' })
  @ApiOkResponse({ description: PAYOUT })
  markPaid(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: MarkPaidDto) {
    return this.payouts.markPaid(user, id, body.bankReference);
  }

  @Post('admin/payouts/:id/mark-failed')
  @HttpCode(200)
  @Authenticated('admin')
  @ApiOperation({ summary: 'The bank refused it: the money returns to available and the owner is told (again: unchanged; a paid one: 409)' })
  @ApiOkResponse({ description: PAYOUT })
  markFailed(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: MarkFailedDto) {
    return this.payouts.markFailed(user, id, body.reason);
  }
}
