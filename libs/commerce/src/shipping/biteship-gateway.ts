import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/platform';
import { BITESHIP_COURIERS, type ShippingOption } from './shipping-services.js';

/** Biteship answers rates within this, or the zone table prices the parcel (a checkout must not wait on it). */
export const BITESHIP_RATES_TIMEOUT_MS = 2000;
const BITESHIP_BOOKING_TIMEOUT_MS = 15_000;

/** An item as Biteship prices it: value in whole rupiah, weight in grams, sizes in centimetres. */
export interface BiteshipItem {
  name: string;
  value: number;
  weight: number;
  length?: number;
  width?: number;
  height?: number;
  quantity: number;
}

export interface BiteshipBooking {
  referenceId: string;
  origin: { contactName: string; phone: string; address: string; postalCode: string };
  destination: { contactName: string; phone: string; address: string; postalCode: string };
  courier: string;
  service: string;
  items: BiteshipItem[];
}

/** Biteship's order as it reads it back: the status and the courier's history. */
export interface BiteshipOrder {
  id: string;
  status: string;
  referenceId: string | null;
  waybillId: string | null;
  courier: string | null;
  link: string | null;
  history: Array<{ status: string; note: string | null; at: Date }>;
}

export class BiteshipError extends Error {
  /** Biteship's HTTP status, when it answered at all. */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface PricingRow {
  courier_code: string;
  courier_service_code: string;
  courier_service_name?: string;
  price: number;
  duration?: string;
}

interface OrderBody {
  id?: string;
  status?: string;
  reference_id?: string | null;
  courier?: { waybill_id?: string | null; tracking_id?: string | null; company?: string; link?: string | null; history?: Array<{ status?: string; note?: string; updated_at?: string }> };
}

/** "1 - 2 days", "2 - 3 hari", "6 - 8 hours": the days a parcel takes (hours count as same day). */
export function etaOf(duration: string | undefined): { min: number; max: number } {
  const [min, max] = (duration?.match(/\d+/g) ?? []).map(Number);
  if (min === undefined) return { min: 1, max: 3 };
  if (/hour|jam/i.test(duration!)) return { min: 0, max: 1 };
  return { min, max: max ?? min };
}

/**
 * Biteship (https://biteship.com), which has no official Node client: rates, bookings and order reads
 * over its REST API with `fetch`, the API key as the `authorization` header. Prices are whole rupiah.
 */
@Injectable()
export class BiteshipGateway {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.biteshipApiKey;
  }

  /** Options from JNE, J&T, SiCepat, AnterAja and POS, or BiteshipError when it fails or takes over 2 s. */
  async rates(originPostalCode: string, destinationPostalCode: string, items: BiteshipItem[]): Promise<ShippingOption[]> {
    const body = await this.call<{ pricing?: PricingRow[] }>(
      'POST',
      '/v1/rates/couriers',
      { origin_postal_code: Number(originPostalCode), destination_postal_code: Number(destinationPostalCode), couriers: Object.keys(BITESHIP_COURIERS).join(','), items },
      BITESHIP_RATES_TIMEOUT_MS,
    );
    if (!Array.isArray(body.pricing)) throw new BiteshipError('Biteship answered without pricing');
    return body.pricing
      .filter((row) => row.courier_code in BITESHIP_COURIERS && Number.isFinite(row.price))
      .map((row) => ({
        courier: row.courier_code,
        service: row.courier_service_code,
        name: `${BITESHIP_COURIERS[row.courier_code]} ${row.courier_service_name ?? row.courier_service_code.toUpperCase()}`,
        price: { amount: Math.round(row.price) * 100, currency: 'IDR' },
        etaDays: etaOf(row.duration),
      }));
  }

  /** Books the pickup: Biteship's order with the courier's waybill number. */
  async book(booking: BiteshipBooking): Promise<BiteshipOrder> {
    const body = await this.call<OrderBody>(
      'POST',
      '/v1/orders',
      {
        reference_id: booking.referenceId,
        shipper_contact_name: booking.origin.contactName,
        shipper_contact_phone: booking.origin.phone,
        origin_contact_name: booking.origin.contactName,
        origin_contact_phone: booking.origin.phone,
        origin_address: booking.origin.address,
        origin_postal_code: Number(booking.origin.postalCode),
        destination_contact_name: booking.destination.contactName,
        destination_contact_phone: booking.destination.phone,
        destination_address: booking.destination.address,
        destination_postal_code: Number(booking.destination.postalCode),
        courier_company: booking.courier,
        courier_type: booking.service,
        delivery_type: 'now',
        items: booking.items,
      },
      BITESHIP_BOOKING_TIMEOUT_MS,
    );
    return orderOf(body);
  }

  /** Biteship's own record of an order (null when it has none): what a status callback is checked against. */
  async order(id: string): Promise<BiteshipOrder | null> {
    try {
      return orderOf(await this.call<OrderBody>('GET', `/v1/orders/${encodeURIComponent(id)}`, undefined, BITESHIP_BOOKING_TIMEOUT_MS));
    } catch (error) {
      if (error instanceof BiteshipError && (error.status === 400 || error.status === 404)) return null;
      throw error;
    }
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.config.biteshipApiBase), {
        method,
        headers: { authorization: this.config.biteshipApiKey ?? '', 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BiteshipError(`Biteship did not answer ${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new BiteshipError(`Biteship answered ${response.status} to ${method} ${path}: ${text.slice(0, 200)}`, response.status);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new BiteshipError(`Biteship answered ${method} ${path} with something other than JSON`);
    }
  }
}

function orderOf(body: OrderBody): BiteshipOrder {
  if (!body.id || !body.status) throw new BiteshipError('Biteship answered without an order id and status');
  return {
    id: body.id,
    status: body.status,
    referenceId: body.reference_id ?? null,
    waybillId: body.courier?.waybill_id ?? null,
    courier: body.courier?.company ?? null,
    link: body.courier?.link ?? null,
    history: (body.courier?.history ?? [])
      .filter((h) => h.status && h.updated_at && !Number.isNaN(Date.parse(h.updated_at)))
      .map((h) => ({ status: h.status!, note: h.note ?? null, at: new Date(h.updated_at!) })),
  };
}
