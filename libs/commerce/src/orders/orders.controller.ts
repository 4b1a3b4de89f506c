import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { CheckoutDto, OrderListQuery, TransitionDto } from '../commerce.dto.js';
import { CheckoutService } from '../checkout/checkout.service.js';
import { OrderTransitions } from './order-transitions.service.js';
import { OrderViews } from './order-views.service.js';

@ApiController('', 'commerce')
export class OrdersController {
  constructor(
    private readonly checkoutService: CheckoutService,
    private readonly orderViews: OrderViews,
    private readonly transitions: OrderTransitions,
  ) {}

  @Post('checkout')
  @Authenticated()
  @ApiOperation({ summary: 'Turn the cart into one order per seller (all or nothing) and start the payment' })
  @ApiCreatedResponse({ description: '{ orders: [{ id, sellerId, status, total, payBy }], payment: { method, checkoutUrl?, instructions? } }' })
  checkout(@CurrentUser() user: SignedInUser, @Body() body: CheckoutDto) {
    return this.checkoutService.checkout(user, body);
  }

  @Get('orders')
  @Authenticated()
  @ApiOperation({ summary: 'Your orders as a buyer, newest first' })
  @ApiOkResponse({ description: '{ items, total, page, perPage }' })
  mine(@CurrentUser() user: SignedInUser, @Query() query: OrderListQuery) {
    return this.orderViews.listForBuyer(user, query);
  }

  @Get('sellers/:id/orders')
  @Authenticated()
  @ApiOperation({ summary: 'A seller’s orders, for its managers (?status filters)' })
  @ApiOkResponse({ description: '{ items, total, page, perPage }' })
  forSeller(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: OrderListQuery) {
    return this.orderViews.listForSeller(user, id, query);
  }

  @Get('orders/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One order with its lines and history (its buyer or its seller’s managers)' })
  @ApiOkResponse({ description: 'The order' })
  @ApiNotFoundResponse({ description: 'No such order, or not yours' })
  one(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.orderViews.view(user, id);
  }

  @Post('orders/:id/transitions')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the order: 409 when its state forbids it, 403 when your role does, 422 shipped without trackingNumber' })
  @ApiOkResponse({ description: 'The order' })
  transition(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: TransitionDto) {
    return this.transitions.transition(user, id, body);
  }
}
