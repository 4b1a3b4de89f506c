import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { convertMoney, DbNotifications, invalid, NoticedCache, publicPagesChanged, type Money } from '#libs/platform';
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
const CHANNEL = 'pk_exchange_rates';

/** Display conversions from IDR with the admin-kept rate table; every figure carries its rate date. */
@Injectable()
export class ExchangeRates implements OnApplicationBootstrap {
  /** Rates change daily at most: kept in memory off the hot search path, forgotten by every process when one is set. */
  private readonly cache: NoticedCache<Map<string, ExchangeRate>>;

  constructor(
    @InjectRepository(ExchangeRate) private readonly repository: Repository<ExchangeRate>,
    notifications: DbNotifications,
  ) {
    this.cache = new NoticedCache(notifications, CHANNEL, { maxEntries: 1 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.cache.start();
  }

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

  /** Sets a rate; the pages that show prices in it (stored search pages) change with it. */
  async set(currency: string, ratePerIdr: number, asOf: string, setBy: string): Promise<RateView> {
    await this.repository.manager.transaction(async (manager) => {
      await manager.getRepository(ExchangeRate).upsert({ currency, ratePerIdr, asOf, setBy }, ['currency']);
      await manager.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
      await publicPagesChanged(manager);
    });
    return toView(await this.repository.findOneByOrFail({ currency }));
  }

  private async rates(): Promise<Map<string, ExchangeRate>> {
    const read = async () => new Map((await this.repository.find({ order: { currency: 'ASC' } })).map((row) => [row.currency, row]));
    return (await this.cache.get('rates', read))!;
  }
}

function toView(rate: ExchangeRate): RateView {
  return { currency: rate.currency, rate: rate.ratePerIdr, idrPerUnit: Math.round((1 / rate.ratePerIdr) * 10_000) / 10_000, asOf: rate.asOf };
}
