/** Money is an integer of minor units with its ISO 4217 code (DESIGN.md). Rp 150.000 is { amount: 15000000, currency: 'IDR' }. */
export interface Money {
  amount: number;
  currency: string;
}

/** Minor-unit digits per currency as ISO 4217 (and Stripe) count them; JPY has none, IDR two. */
const MINOR_DIGITS: Record<string, number> = { IDR: 2, USD: 2, EUR: 2, AUD: 2, SGD: 2, GBP: 2, CNY: 2, JPY: 0, MYR: 2 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

export function money(amount: number, currency = 'IDR'): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency: currency.toUpperCase() };
}

/** Whole rupiah as artisans write them ("250000") to minor units. */
export function rupiah(whole: number): Money {
  return money(Math.round(whole * 100), 'IDR');
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

export function multiplyMoney(a: Money, quantity: number): Money {
  return money(a.amount * quantity, a.currency);
}

/** Converts at `rate` (units of `to` per one unit of `from`), rounding half up to the target's minor unit. */
export function convertMoney(value: Money, to: string, rate: number): Money {
  const major = value.amount / 10 ** minorDigits(value.currency);
  return money(Math.round(major * rate * 10 ** minorDigits(to)), to);
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Money shown the way its readers write it: `Rp 150.000` in Indonesian (no decimals
 * when whole), `US$12.50` / `€12.50` in English. Spaces are plain so text stays greppable.
 */
export function formatMoney(value: Money, locale: 'id' | 'en' = 'id'): string {
  const digits = minorDigits(value.currency);
  const major = value.amount / 10 ** digits;
  const whole = value.amount % 10 ** digits === 0;
  const key = `${locale}:${value.currency}:${whole}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-US', {
      style: 'currency',
      currency: value.currency,
      currencyDisplay: value.currency === 'IDR' ? 'symbol' : 'narrowSymbol',
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(major).replace(/\u00a0/g, ' ');
}

export const formatIdr = (amount: number) => formatMoney(money(amount, 'IDR'), 'id');
