import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { invalid, type Money } from '#libs/platform';
import { Repository, type EntityManager } from 'typeorm';
import { ShippingRate } from './shipping-rate.entity.js';
import { shippingCost, SHIPPING_ZONES, type ShippingZone } from './shipping-zones.js';

export interface ShippingRateView {
  zone: string;
  kind: 'domestic' | 'international';
  firstKg: Money;
  perKg: Money;
}

const toView = (rate: ShippingRate): ShippingRateView => ({
  zone: rate.zone,
  kind: rate.kind,
  firstKg: { amount: rate.firstKgAmount, currency: rate.currency },
  perKg: { amount: rate.perKgAmount, currency: rate.currency },
});

/** The weight-and-zone table admins keep; shipping is priced from it at checkout. */
@Injectable()
export class ShippingRatesService {
  constructor(@InjectRepository(ShippingRate) private readonly rates: Repository<ShippingRate>) {}

  async list(): Promise<ShippingRateView[]> {
    const rows = await this.rates.find();
    return rows.sort((a, b) => SHIPPING_ZONES.indexOf(a.zone as ShippingZone) - SHIPPING_ZONES.indexOf(b.zone as ShippingZone)).map(toView);
  }

  async update(rates: Array<{ zone: ShippingZone; firstKg: Money; perKg: Money }>, userId: string): Promise<ShippingRateView[]> {
    const zones = rates.map((r) => r.zone);
    const twice = zones.find((zone, i) => zones.indexOf(zone) !== i);
    if (twice) throw invalid(`rates[${zones.lastIndexOf(twice)}].zone`, `${twice} is listed twice`);
    await this.rates.manager.transaction(async (manager) => {
      for (const rate of rates) {
        await manager.update(ShippingRate, { zone: rate.zone }, { firstKgAmount: rate.firstKg.amount, perKgAmount: rate.perKg.amount, updatedBy: userId });
      }
    });
    return this.list();
  }

  /** The price in IDR minor units of a parcel of `weightGrams` to `zone`. */
  async cost(manager: EntityManager, zone: ShippingZone, weightGrams: number): Promise<number> {
    const rate = await manager.findOneByOrFail(ShippingRate, { zone });
    return shippingCost(rate, weightGrams);
  }
}
