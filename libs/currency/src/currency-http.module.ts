import { Module } from '@nestjs/common';
import { CurrencyModule } from './currency.module.js';
import { ExchangeRatesController } from './exchange-rates.controller.js';

/** The HTTP side of currency: its API routes and pages. Only the web app imports it; the worker and the CLI take CurrencyModule alone. */
@Module({
  imports: [CurrencyModule],
  exports: [CurrencyModule],
  controllers: [ExchangeRatesController],
})
export class CurrencyHttpModule {}
