import type { Lang } from '#libs/platform';

const names: Record<Lang, Intl.DisplayNames> = {
  id: new Intl.DisplayNames(['id'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

/** User-assigned and macro codes (QM–QZ, XA–XZ, ZZ, EU, UN, EZ) are not countries. */
const NOT_COUNTRIES = /^(Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN)$/;

/** An assigned ISO 3166-1 alpha-2 code (uppercase): one that ICU knows a name for. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.test(code) && names.en.of(code) !== code;
}

/** A market: a country code or `EU`. */
export function isMarketCode(code: string): boolean {
  return code === 'EU' || isCountryCode(code);
}

export function countryName(code: string, lang: Lang): string {
  try {
    return names[lang].of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every assigned country code, for validators and form pickers. */
export const COUNTRY_CODES: readonly string[] = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).filter(isCountryCode);
export const MARKET_CODES: readonly string[] = ['EU', ...COUNTRY_CODES];
