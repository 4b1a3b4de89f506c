import { Body, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, RateLimit, SkipRateLimit } from '#libs/platform';
import { Shipments } from './shipments.service.js';
import { ShippingQuotes } from './shipping-quotes.service.js';
import { ShipmentDto, ShippingRatesRequestDto, ZoneTableDto } from './shipping.dto.js';
import { ZoneTableRates } from './zone-table.service.js';

@ApiController('', 'commerce')
export class ShippingController {
  constructor(
    private readonly quotes: ShippingQuotes,
    private readonly zoneTable: ZoneTableRates,
    private readonly shipments: Shipments,
  ) {}

  @Post('shipping/rates')
  @Public()
  @RateLimit('shipping')
  @HttpCode(200)
  @ApiOperation({ summary: "Each seller's shipping options for these items to a destination (Biteship's couriers when configured, else the seller's zone table)" })
  @ApiOkResponse({ description: '{ sellers: [{ sellerId, chargedWeightGrams, options: [{ courier, service, name, price, etaDays: { min, max } }] }] }' })
  async rates(@Body() body: ShippingRatesRequestDto) {
    return { sellers: await this.quotes.quote(body.items, body.destination) };
  }

  @Get('sellers/:id/shipping-rates')
  @Authenticated()
  @ApiOperation({ summary: "The seller's zone table (owner, its coop_admin)" })
  @ApiOkResponse({ description: '[{ zone, service, name, firstKg, perKg, etaDays }]' })
  table(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.zoneTable.table(user, id);
  }

  @Put('sellers/:id/shipping-rates')
  @Authenticated()
  @ApiOperation({ summary: "Replace the seller's zone table: first kilogram + each further kilogram per zone and service" })
  @ApiOkResponse({ description: 'The table after the change' })
  replaceTable(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ZoneTableDto) {
    return this.zoneTable.replace(user, id, body.rates);
  }

  @Post('orders/:id/shipment')
  @Authenticated()
  @RateLimit('shipping')
  @ApiOperation({ summary: 'Book the courier through Biteship (seller): the order is shipped with the waybill number' })
  @ApiCreatedResponse({ description: '{ courier, trackingNumber, labelUrl? }' })
  ship(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ShipmentDto) {
    return this.shipments.book(user, id, body);
  }

  @Get('orders/:id/tracking')
  @Authenticated()
  @ApiOperation({ summary: "The parcel's journey (the order's buyer and seller)" })
  @ApiOkResponse({ description: '{ courier, trackingNumber, events: [{ at, status, note }] }' })
  tracking(@CurrentUser() user: SignedInUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.shipments.tracking(user, id);
  }

  /** Biteship's status callback: its body only names the order, which is read back from Biteship. */
  @Post('shipping/biteship/webhook')
  @Public()
  // Callbacks come in bursts from Biteship's few addresses and nothing in them is believed unread.
  @SkipRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Biteship order status callback (verified by reading the order back; delivered moves the order to delivered once)' })
  @ApiOkResponse({ description: '{ received: true }' })
  biteshipWebhook(@Body() body: unknown) {
    return this.shipments.callback(body);
  }
}
