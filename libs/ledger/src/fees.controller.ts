import { Body, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { FeeSchedule } from './fee-schedule.service.js';
import { CommissionRatesDto, CooperativeFeeDto } from './ledger.dto.js';

/** The fee schedule: the platform's commission (admins) and each cooperative's member fee (its coop_admin, admins). */
@ApiController('', 'ledger')
export class FeesController {
  constructor(private readonly fees: FeeSchedule) {}

  @Get('admin/fees')
  @Authenticated('admin')
  @ApiOperation({ summary: 'The platform’s commission: the default and per-category rates in basis points' })
  @ApiOkResponse({ description: '{ defaultBps, categoryBps: { [categorySlug]: bps } }' })
  commission() {
    return this.fees.commission();
  }

  @Put('admin/fees')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Set the commission, taken when an order is paid (0–10000 bp; categoryBps, given, replaces the category rates)' })
  @ApiOkResponse({ description: '{ defaultBps, categoryBps }' })
  setCommission(@CurrentUser() user: SignedInUser, @Body() body: CommissionRatesDto) {
    return this.fees.setCommission(user, body);
  }

  @Get('cooperatives/:id/fees')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: 'The share of its members’ sales a cooperative keeps' })
  @ApiOkResponse({ description: '{ cooperativeId, memberFeeBps }' })
  cooperativeFee(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.fees.cooperativeFee(user, id);
  }

  @Put('cooperatives/:id/fees')
  @Authenticated('coop_admin', 'admin')
  @ApiOperation({ summary: 'Set the cooperative’s member fee (0–3000 bp), applied to orders paid from now on' })
  @ApiOkResponse({ description: '{ cooperativeId, memberFeeBps }' })
  setCooperativeFee(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CooperativeFeeDto) {
    return this.fees.setCooperativeFee(user, id, body.memberFeeBps);
  }
}
