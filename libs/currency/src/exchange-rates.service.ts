import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { convertMoney, invalid, type Money } from '#libs/platform';
import { Repository } from 'typeorm';
import { ExchangeRate } from './exchange-rate.entity.js';

export interface Conversion {
  money: Money;
  /** Units of the target currency per one unit of the source currency. */
  rate: number;
  /** The date of the rate used (YYYY-MM-DD). */
  asOf: string;
}

export interface RateView {
  currency: string;
  /** Units of `currency` per 1 IDR. */
  rate: number;
  /** Rupiah per one unit of `currency` (the figure people quote). */
  idrPerUnit: number;
  asOf: string;
}

const BASE = 'IDR';
/** Rates change daily at most; a short cache keeps them off the hot search path. */
const CACHE_MS = 30_000;

/** Display conversions from IDR with the admin-kept rate table; every figure carries its rate date. */
@Injectable()
export class ExchangeRates {
  private cache?: { at: number; rates: Map<string, ExchangeRate> };

  constructor(@InjectRepository(ExchangeRate) private readonly repository: Repository<ExchangeRate>) {}

  async list(): Promise<RateView[]> {
    return [...(await this.rates()).values()].map(toView);
  }

  /** IDR and every currency with a rate. */
  async currencies(): Promise<string[]> {
    return [BASE, ...(await this.rates()).keys()];
  }

  /** Converts an IDR amount for display; an unknown currency is a 422 naming `currency`. */
  async convert(value: Money, currency: string): Promise<Conversion> {
    const target = currency.toUpperCase();
    if (value.currency !== BASE) throw new Error(`prices are set in ${BASE}, got ${value.currency}`);
    if (target === BASE) return { money: value, rate: 1, asOf: new Date().toISOString().slice(0, 10) };
    const rate = (await this.rates()).get(target);
    if (!rate) throw invalid('currency', `must be one of ${(await this.currencies()).join(', ')}`);
    return { money: convertMoney(value, target, rate.ratePerIdr), rate: rate.ratePerIdr, asOf: rate.asOf };
  }

  async set(currency: string, ratePerIdr: number, asOf: string, setBy: string): Promise<RateView> {
    await this.repository.upsert({ currency, ratePerIdr, asOf, setBy }, ['currency']);
    this.cache = undefined;
    return toView(await this.repository.findOneByOrFail({ currency }));
  }

  private async rates(): Promise<Map<string, ExchangeRate>> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const rows = await this.repository.find({ order: { currency: 'ASC' } });
      this.cache = { at: Date.now(), rates: new Map(rows.map((row) => [row.currency, row])) };
    }
    return this.cache.rates;
  }
}

function toView(rate: ExchangeRate): RateView {
  return { currency: rate.currency, rate: rate.ratePerIdr, idrPerUnit: Math.round((1 / rate.ratePerIdr) * 10_000) / 10_000, asOf: rate.asOf };
}
