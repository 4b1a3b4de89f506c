import type { Money } from '#libs/platform';
import { DOMESTIC_ZONES, type ShippingZone } from './shipping-zones.js';

/** What a seller's zone table offers: at home Reguler, Kilat (express) and Kargo (heavy, slow); abroad EMS and Express. */
export const DOMESTIC_SERVICES = ['reguler', 'kilat', 'kargo'] as const;
export const INTERNATIONAL_SERVICES = ['ems', 'express'] as const;
export const ZONE_SERVICES = [...DOMESTIC_SERVICES, ...INTERNATIONAL_SERVICES] as const;
export type ZoneService = (typeof ZONE_SERVICES)[number];

export const SERVICE_NAMES: Record<ZoneService, string> = { reguler: 'Reguler', kilat: 'Kilat', kargo: 'Kargo', ems: 'EMS', express: 'Express' };

/** The courier code of a zone-table option: the seller sends the parcel with a courier of its choice at its own table's price. */
export const SELLER_COURIER = 'seller';

/** Biteship's couriers offered to buyers, by Biteship's code. */
export const BITESHIP_COURIERS: Record<string, string> = { jne: 'JNE', jnt: 'J&T', sicepat: 'SiCepat', anteraja: 'AnterAja', pos: 'POS Indonesia' };

/** One way to ship one seller's parcel, as the buyer chooses it. */
export interface ShippingOption {
  courier: string;
  service: string;
  name: string;
  price: Money;
  etaDays: { min: number; max: number };
}

export const isDomestic = (zone: ShippingZone) => (DOMESTIC_ZONES as readonly string[]).includes(zone);

/** Whether a zone-table service is offered to a zone (domestic services at home, international abroad). */
export function serviceFits(service: ZoneService, zone: ShippingZone): boolean {
  return isDomestic(zone) ? (DOMESTIC_SERVICES as readonly string[]).includes(service) : (INTERNATIONAL_SERVICES as readonly string[]).includes(service);
}

/** Days a parcel from Bali usually takes (Reguler at home, EMS abroad): the platform table's estimate, and a seller's default. */
export const DEFAULT_ETA: Record<ShippingZone, { min: number; max: number }> = {
  bali: { min: 1, max: 2 },
  java: { min: 2, max: 4 },
  'nusa-tenggara': { min: 2, max: 5 },
  sumatra: { min: 3, max: 6 },
  kalimantan: { min: 3, max: 7 },
  sulawesi: { min: 3, max: 7 },
  'maluku-papua': { min: 5, max: 10 },
  asean: { min: 5, max: 10 },
  'asia-pacific': { min: 7, max: 14 },
  europe: { min: 10, max: 21 },
  americas: { min: 10, max: 21 },
  rest: { min: 14, max: 30 },
};

/** Tracking steps the pages name in both languages (`tracking.<status>` messages): ours and Biteship's order statuses; others show as sent. */
export const TRACKING_STATUSES = new Set([
  'shipped',
  'delivered',
  'confirmed',
  'allocated',
  'picking_up',
  'picked',
  'dropping_off',
  'on_hold',
  'return_in_transit',
  'returned',
  'rejected',
  'courier_not_found',
  'disposed',
  'cancelled',
]);

/** Cheapest first (then fastest), the order buyers see and the default they get. */
export const byPrice = (a: ShippingOption, b: ShippingOption) => a.price.amount - b.price.amount || a.etaDays.max - b.etaDays.max;
