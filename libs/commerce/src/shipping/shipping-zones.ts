/**
 * Where a parcel from Bali goes, as a rate zone. Indonesian addresses are zoned by island
 * from the first two digits of the postal code (or an explicit `region`); others by country.
 */
export const DOMESTIC_ZONES = ['bali', 'java', 'nusa-tenggara', 'sumatra', 'kalimantan', 'sulawesi', 'maluku-papua'] as const;
export const INTERNATIONAL_ZONES = ['asean', 'asia-pacific', 'europe', 'americas', 'rest'] as const;
export type ShippingZone = (typeof DOMESTIC_ZONES)[number] | (typeof INTERNATIONAL_ZONES)[number];
export const SHIPPING_ZONES: readonly ShippingZone[] = [...DOMESTIC_ZONES, ...INTERNATIONAL_ZONES];

/** Indonesian postal codes: the first two digits name the province (Pos Indonesia's scheme). */
const POSTAL_PREFIXES: Array<[from: number, to: number, zone: ShippingZone]> = [
  [10, 19, 'java'], // Jakarta, Banten, West Java (Bogor, Bekasi)
  [20, 39, 'sumatra'],
  [40, 69, 'java'], // West Java, Central Java, Yogyakarta, East Java
  [70, 79, 'kalimantan'],
  [80, 82, 'bali'],
  [83, 87, 'nusa-tenggara'],
  [90, 96, 'sulawesi'],
  [97, 99, 'maluku-papua'],
];

const ASEAN = ['BN', 'KH', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL'];
const ASIA_PACIFIC = ['AU', 'NZ', 'JP', 'KR', 'CN', 'HK', 'MO', 'TW', 'IN', 'PG', 'FJ', 'NC', 'PF', 'WS', 'TO', 'VU', 'SB', 'MN', 'BD', 'LK', 'NP', 'PK', 'MV', 'BT'];
const EUROPE = [
  'AD',
  'AL',
  'AT',
  'BA',
  'BE',
  'BG',
  'BY',
  'CH',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FO',
  'FR',
  'GB',
  'GI',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MC',
  'MD',
  'ME',
  'MK',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'RS',
  'SE',
  'SI',
  'SK',
  'SM',
  'UA',
  'VA',
  'XK',
];
const AMERICAS = ['US', 'CA', 'MX', 'GT', 'BZ', 'HN', 'SV', 'NI', 'CR', 'PA', 'CU', 'DO', 'HT', 'JM', 'PR', 'BS', 'BB', 'TT', 'CO', 'VE', 'EC', 'PE', 'BO', 'BR', 'PY', 'UY', 'AR', 'CL', 'GY', 'SR'];

export function isShippingZone(value: unknown): value is ShippingZone {
  return typeof value === 'string' && (SHIPPING_ZONES as readonly string[]).includes(value);
}

/** The zone of an address, or undefined for an Indonesian one whose postal code names no province (and no region helps). */
export function zoneOf(address: { country: string; postalCode: string; region?: string }): ShippingZone | undefined {
  const country = address.country.toUpperCase();
  if (country === 'ID') {
    // The postal code wins over a typed region: couriers price by it, so a Papua address
    // labelled "bali" must not pay Bali's rate. The region helps only without a usable code.
    const prefix = /^\s*(\d{2})\d{3}\s*$/.exec(address.postalCode)?.[1];
    const byPostalCode = prefix ? POSTAL_PREFIXES.find(([from, to]) => Number(prefix) >= from && Number(prefix) <= to)?.[2] : undefined;
    if (byPostalCode) return byPostalCode;
    const region = address.region?.trim().toLowerCase().replace(/\s+/g, '-');
    return region && (DOMESTIC_ZONES as readonly string[]).includes(region) ? (region as ShippingZone) : undefined;
  }
  if (ASEAN.includes(country)) return 'asean';
  if (ASIA_PACIFIC.includes(country)) return 'asia-pacific';
  if (EUROPE.includes(country)) return 'europe';
  if (AMERICAS.includes(country)) return 'americas';
  return 'rest';
}

/** Rate = first kilogram + each started kilogram after it (a parcel weighs at least 1 kg at couriers). */
export function shippingCost(rate: { firstKgAmount: number; perKgAmount: number }, weightGrams: number): number {
  const extraKg = Math.max(0, Math.ceil(weightGrams / 1000) - 1);
  return rate.firstKgAmount + extraKg * rate.perKgAmount;
}
