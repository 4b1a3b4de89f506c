import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExchangeRate } from './exchange-rate.entity.js';
import { ExchangeRates } from './exchange-rates.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ExchangeRate])],
  providers: [ExchangeRates],
  exports: [ExchangeRates],
})
export class CurrencyModule {}
