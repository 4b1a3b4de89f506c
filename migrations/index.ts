import type { MixedList } from 'typeorm';
import { Foundation1764300000000 } from './1764300000000-foundation.js';
import { ExchangeRates1764300300000 } from './1764300300000-exchange-rates.js';
import { Commerce1764300500000 } from './1764300500000-commerce.js';

/** Every migration, in order. Add new ones at the end. */
export const migrations: MixedList<Function> = [Foundation1764300000000, ExchangeRates1764300300000, Commerce1764300500000];
