import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { ShippingRatesDto } from '../commerce.dto.js';
import { ShippingRatesService } from './shipping-rates.service.js';

@ApiController('shipping-rates', 'commerce')
export class ShippingRatesController {
  constructor(private readonly rates: ShippingRatesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Shipping rates from Bali per zone: first kilogram, then each further started kilogram' })
  @ApiOkResponse({ description: '[{ zone, kind, firstKg: Money, perKg: Money }]' })
  list() {
    return this.rates.list();
  }

  @Put()
  @Authenticated('admin')
  @ApiOperation({ summary: 'Change the rates of the listed zones (admin)' })
  @ApiOkResponse({ description: 'All rates after the change' })
  update(@Body() body: ShippingRatesDto, @CurrentUser() user: SignedInUser) {
    return this.rates.update(body.rates, user.id);
  }
}
