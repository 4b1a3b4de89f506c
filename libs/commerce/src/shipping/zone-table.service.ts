import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SignedInUser } from '#libs/identity';
import { invalid, type Money } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { DataSource, In, type EntityManager } from 'typeorm';
import { SellerShippingRate } from './seller-shipping-rate.entity.js';
import { ShippingRate } from './shipping-rate.entity.js';
import { DEFAULT_ETA, isDomestic, SELLER_COURIER, SERVICE_NAMES, serviceFits, type ShippingOption, type ZoneService } from './shipping-services.js';
import { shippingCost, SHIPPING_ZONES, type ShippingZone } from './shipping-zones.js';

export interface ZoneRateInput {
  zone: ShippingZone;
  service: ZoneService;
  firstKg: Money;
  perKg: Money;
  etaDays?: { min: number; max: number };
}

export interface ZoneRateView {
  zone: string;
  service: ZoneService;
  name: string;
  firstKg: Money;
  perKg: Money;
  etaDays: { min: number; max: number };
}

const toView = (rate: SellerShippingRate): ZoneRateView => ({
  zone: rate.zone,
  service: rate.service,
  name: SERVICE_NAMES[rate.service],
  firstKg: { amount: rate.firstKgAmount, currency: rate.currency },
  perKg: { amount: rate.perKgAmount, currency: rate.currency },
  etaDays: { min: rate.etaMinDays, max: rate.etaMaxDays },
});

/**
 * Shipping priced without a courier API: each seller's own zone table (per zone and service), or,
 * for a zone the seller has no row for, the platform's table (`shipping_rates`, admins keep it) as
 * Reguler at home and EMS abroad, so sellers who never set a table still ship as before.
 */
@Injectable()
export class ZoneTableRates {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
  ) {}

  async table(user: SignedInUser, sellerId: string): Promise<ZoneRateView[]> {
    await this.access.assertCanManage(user, sellerId);
    const rows = await this.dataSource.manager.find(SellerShippingRate, { where: { sellerId } });
    return rows.sort((a, b) => SHIPPING_ZONES.indexOf(a.zone as ShippingZone) - SHIPPING_ZONES.indexOf(b.zone as ShippingZone) || a.service.localeCompare(b.service)).map(toView);
  }

  /** Replaces the seller's whole table (an empty list: back to the platform's rates). */
  async replace(user: SignedInUser, sellerId: string, rates: ZoneRateInput[]): Promise<ZoneRateView[]> {
    await this.access.assertCanManage(user, sellerId);
    const seen = new Set<string>();
    rates.forEach((rate, i) => {
      if (!serviceFits(rate.service, rate.zone)) throw invalid(`rates[${i}].service`, `${rate.service} is not offered to ${rate.zone}: at home reguler, kilat or kargo; abroad ems or express`);
      const key = `${rate.zone}:${rate.service}`;
      if (seen.has(key)) throw invalid(`rates[${i}]`, `${rate.zone} ${rate.service} is listed twice`);
      seen.add(key);
      if (rate.etaDays && rate.etaDays.min > rate.etaDays.max) throw invalid(`rates[${i}].etaDays.min`, 'must not be more than max');
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(SellerShippingRate, { sellerId });
      if (rates.length === 0) return;
      await manager.insert(
        SellerShippingRate,
        rates.map((rate) => {
          const eta = rate.etaDays ?? DEFAULT_ETA[rate.zone];
          return { sellerId, zone: rate.zone, service: rate.service, firstKgAmount: rate.firstKg.amount, perKgAmount: rate.perKg.amount, etaMinDays: eta.min, etaMaxDays: eta.max, updatedBy: user.id };
        }),
      );
    });
    return this.table(user, sellerId);
  }

  /** Each seller's options to `zone` for a parcel of `chargedWeightGrams` (whole kilograms), cheapest first. */
  async options(sellers: Array<{ sellerId: string; chargedWeightGrams: number }>, zone: ShippingZone, manager: EntityManager = this.dataSource.manager): Promise<Map<string, ShippingOption[]>> {
    const result = new Map<string, ShippingOption[]>();
    if (sellers.length === 0) return result;
    const own = await manager.find(SellerShippingRate, { where: { sellerId: In(sellers.map((s) => s.sellerId)), zone } });
    const platform = await manager.findOneByOrFail(ShippingRate, { zone });
    const fallback: ZoneService = isDomestic(zone) ? 'reguler' : 'ems';
    for (const { sellerId, chargedWeightGrams } of sellers) {
      const rows = own.filter((rate) => rate.sellerId === sellerId);
      const rates = rows.length
        ? rows.map((rate) => ({ service: rate.service, rate, eta: { min: rate.etaMinDays, max: rate.etaMaxDays } }))
        : [{ service: fallback, rate: platform, eta: DEFAULT_ETA[zone] }];
      result.set(
        sellerId,
        rates.map(({ service, rate, eta }) => ({
          courier: SELLER_COURIER,
          service,
          name: SERVICE_NAMES[service],
          price: { amount: shippingCost(rate, chargedWeightGrams), currency: 'IDR' },
          etaDays: eta,
        })),
      );
    }
    return result;
  }
}
