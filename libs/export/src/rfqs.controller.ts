import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, RateLimit } from '#libs/platform';
import { AcceptQuoteDto, CreateQuoteDto, CreateRfqDto, RfqListQuery } from './export.dto.js';
import { RfqsService } from './rfqs.service.js';

@ApiController('', 'rfqs')
export class RfqsController {
  constructor(private readonly rfqs: RfqsService) {}

  @Post('rfqs')
  @Authenticated('buyer')
  @RateLimit('rfq')
  @ApiOperation({ summary: 'Ask a seller for a quotation (about a product or in general)' })
  @ApiCreatedResponse({ description: '{ id, status: "open" }' })
  create(@CurrentUser() user: SignedInUser, @Body() body: CreateRfqDto) {
    return this.rfqs.create(user, body);
  }

  @Get('rfqs')
  @Authenticated()
  @ApiOperation({ summary: 'Your RFQs as buyer and those addressed to sellers you manage' })
  list(@CurrentUser() user: SignedInUser, @Query() query: RfqListQuery) {
    return this.rfqs.list(user, query);
  }

  @Get('rfqs/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One RFQ with its quotes (its buyer and the addressed seller only)' })
  get(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rfqs.get(user, id);
  }

  @Post('rfqs/:id/quotes')
  @Authenticated()
  @RateLimit('quote')
  @ApiOperation({ summary: 'Quote in answer to an RFQ (the addressed seller’s managers)' })
  @ApiCreatedResponse({ description: '{ id }' })
  quote(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateQuoteDto) {
    return this.rfqs.quote(user, id, body);
  }

  @Post('quotes/:id/accept')
  @HttpCode(201)
  @Authenticated()
  @ApiOperation({ summary: 'Accept a quote (the RFQ’s buyer): creates an order awaiting payment; expired → 409' })
  @ApiCreatedResponse({ description: '{ order, quote }' })
  accept(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptQuoteDto) {
    return this.rfqs.accept(user, id, body ?? {});
  }
}
