import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { invalid, LOGGER, type Logger } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { DataSource, type EntityManager } from 'typeorm';
import { lineKey, Purchasables } from '../cart/purchasables.js';
import { BiteshipGateway, type BiteshipItem } from './biteship-gateway.js';
import { chargedWeightGrams, type ParcelItem } from './charged-weight.js';
import { byPrice, isDomestic, type ShippingOption } from './shipping-services.js';
import { zoneOf, type ShippingZone } from './shipping-zones.js';
import { ZoneTableRates } from './zone-table.service.js';

export interface ShippingLine {
  productId: string;
  variantId?: string | null;
  quantity: number;
}

export interface ShippingDestination {
  country: string;
  postalCode: string;
  region?: string;
}

/** One seller's parcel: what it weighs as charged, and the ways to send it, cheapest first. */
export interface SellerShippingQuote {
  sellerId: string;
  chargedWeightGrams: number;
  options: ShippingOption[];
}

/**
 * Prices each seller's parcel of a cart: from Biteship's couriers when BITESHIP_API_KEY is set (at
 * home, for a seller with a ship-from postal code), else, or when Biteship fails or is slow, from
 * the seller's zone table. The rates route and the checkout both ask here, so they agree.
 */
@Injectable()
export class ShippingQuotes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly purchasables: Purchasables,
    private readonly zoneTable: ZoneTableRates,
    private readonly biteship: BiteshipGateway,
    private readonly sellers: SellersService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async quote(lines: ShippingLine[], destination: ShippingDestination, manager: EntityManager = this.dataSource.manager): Promise<SellerShippingQuote[]> {
    const zone = zoneOf(destination);
    if (!zone) throw invalid('destination.postalCode', 'is not an Indonesian postal code we can ship to');
    const found = await this.purchasables.load(manager, lines);
    const parcels = new Map<string, Array<ParcelItem & BiteshipItem>>();
    lines.forEach((line, i) => {
      const item = found.get(lineKey(line.productId, line.variantId));
      if (!item || !item.active) throw invalid(`items[${i}].productId`, 'is not a product for sale (or needs its variantId)');
      const parcel = parcels.get(item.sellerId) ?? [];
      parcel.push({
        name: item.title.id.slice(0, 100),
        value: Math.round(item.unitPriceAmount / 100),
        weight: item.weightGrams,
        weightGrams: item.weightGrams,
        ...(item.lengthCm ? { length: item.lengthCm, lengthCm: item.lengthCm } : {}),
        ...(item.widthCm ? { width: item.widthCm, widthCm: item.widthCm } : {}),
        ...(item.heightCm ? { height: item.heightCm, heightCm: item.heightCm } : {}),
        quantity: line.quantity,
      });
      parcels.set(item.sellerId, parcel);
    });
    const sellers = [...parcels].sort(([a], [b]) => a.localeCompare(b)).map(([sellerId, items]) => ({ sellerId, items, chargedWeightGrams: chargedWeightGrams(items, !isDomestic(zone)) }));
    const couriers = await this.courierOptions(sellers, zone, destination.postalCode);
    const table = await this.zoneTable.options(
      sellers.filter((s) => !couriers.has(s.sellerId)),
      zone,
      manager,
    );
    return sellers.map(({ sellerId, chargedWeightGrams }) => ({
      sellerId,
      chargedWeightGrams,
      options: [...(couriers.get(sellerId) ?? table.get(sellerId) ?? [])].sort(byPrice),
    }));
  }

  /** The buyer's choice among a seller's options, or the cheapest; 422 naming `shipping.<sellerId>` for one not offered. */
  choose(quote: SellerShippingQuote, choice: { courier?: unknown; service?: unknown } | undefined): ShippingOption {
    if (!choice) return quote.options[0]!;
    const option = quote.options.find((o) => o.courier === choice.courier && o.service === choice.service);
    if (!option) throw invalid(`shipping.${quote.sellerId}`, `is not one of this seller's options: ${quote.options.map((o) => `${o.courier}/${o.service}`).join(', ')}`);
    return option;
  }

  /** Biteship's options per seller (none when it is off, abroad, without a ship-from postal code, or when it fails). */
  private async courierOptions(sellers: Array<{ sellerId: string; items: BiteshipItem[] }>, zone: ShippingZone, postalCode: string): Promise<Map<string, ShippingOption[]>> {
    const result = new Map<string, ShippingOption[]>();
    const destination = postalCode.trim();
    if (!this.biteship.enabled || !isDomestic(zone) || !/^\d{5}$/.test(destination)) return result;
    const origins = new Map((await this.sellers.findByIds(sellers.map((s) => s.sellerId))).map((s) => [s.id, s.shipFrom?.postalCode]));
    await Promise.all(
      sellers.map(async ({ sellerId, items }) => {
        const origin = origins.get(sellerId);
        if (!origin) return;
        try {
          const options = await this.biteship.rates(origin, destination, items);
          if (options.length) result.set(sellerId, options);
        } catch (error) {
          this.logger.warn({ err: error, sellerId }, 'Biteship rates failed: priced from the zone table');
        }
      }),
    );
    return result;
  }
}
