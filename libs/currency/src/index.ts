export { CurrencyModule } from './currency.module.js';
export { CurrencyHttpModule } from './currency-http.module.js';
export { ExchangeRates, type Conversion, type RateView } from './exchange-rates.service.js';
export { ExchangeRate } from './exchange-rate.entity.js';
