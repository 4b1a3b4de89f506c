import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery } from '#libs/platform';
import { TransferRefundDto } from '../commerce.dto.js';
import { TransferRefunds } from './transfer-refunds.service.js';

@ApiController('', 'commerce')
export class TransferRefundsController {
  constructor(private readonly refunds: TransferRefunds) {}

  @Get('transfer-refunds')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Bank transfers to send back: orders paid into the platform account, then cancelled or refunded (oldest first)' })
  @ApiOkResponse({ description: '{ items: [{ orderId, status, amount, paymentReference, buyer: { name, email, phone }, since }], total, page, perPage }' })
  due(@Query() query: PageQuery) {
    return this.refunds.due(query);
  }

  @Post('orders/:id/transfer-refund')
  @Authenticated('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the transfer that sent an order’s money back to its buyer (tells buyer and seller)' })
  @ApiOkResponse({ description: 'The order, with `refunded`' })
  @ApiNotFoundResponse({ description: 'No such order' })
  @ApiConflictResponse({ description: 'Nothing is owed back on this order' })
  recordSent(@CurrentUser() admin: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: TransferRefundDto) {
    return this.refunds.recordSent(admin, id, body.bankReference, body.refundId);
  }
}
