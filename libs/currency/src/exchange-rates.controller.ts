import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsNumber, IsPositive, Max } from 'class-validator';
import { Authenticated, CurrentUser, Public, type SignedInUser } from '#libs/identity';
import { ApiController, invalid } from '#libs/platform';
import { ExchangeRates } from './exchange-rates.service.js';

class SetRateDto {
  @ApiProperty({ description: 'Units of the currency per 1 IDR (USD ≈ 0.00006)', example: 0.00006006 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1_000)
  rate: number;

  @ApiProperty({ description: 'Date the rate was published (YYYY-MM-DD)', example: '2026-11-27' })
  @IsDateString({ strict: true })
  asOf: string;
}

class RateView {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ description: 'Units of the currency per 1 IDR' }) rate: number;
  @ApiProperty({ description: 'Rupiah per unit of the currency' }) idrPerUnit: number;
  @ApiProperty({ example: '2026-11-27' }) asOf: string;
}

class RatesView {
  @ApiProperty({ example: 'IDR' }) base: string;
  @ApiProperty({ type: RateView, isArray: true }) rates: RateView[];
}

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

@ApiController('exchange-rates', 'currency')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRates) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Display exchange rates from IDR, with their dates' })
  @ApiOkResponse({ type: RatesView })
  async list() {
    return { base: 'IDR', rates: await this.rates.list() };
  }

  @Put(':currency')
  @Authenticated('admin')
  @ApiOperation({ summary: 'Set the rate of one currency (admin)' })
  @ApiOkResponse({ type: RateView })
  async set(@Param('currency') currency: string, @Body() body: SetRateDto, @CurrentUser() user: SignedInUser) {
    const code = currency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !ISO_CURRENCIES.has(code)) throw invalid('currency', 'must be an ISO 4217 currency code');
    if (code === 'IDR') throw invalid('currency', 'IDR is the base currency');
    if (body.asOf.slice(0, 10) > new Date().toISOString().slice(0, 10)) throw invalid('asOf', 'must not be in the future');
    return this.rates.set(code, body.rate, body.asOf.slice(0, 10), user.id);
  }
}
