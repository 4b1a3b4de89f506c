/** Indonesian first, English beside it (DESIGN.md). */
export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

/** Bilingual text: Indonesian required, English optional. */
export interface Text {
  id: string;
  en?: string;
}

type Catalog = Record<string, string>;
const catalogs: Record<Lang, Catalog> = { id: {}, en: {} };

/** Each lib adds its own UI strings at import time; a key defined twice with different text is a bug. */
export function registerMessages(messages: { id: Catalog; en: Catalog }): void {
  for (const lang of LANGS) {
    for (const [key, value] of Object.entries(messages[lang])) {
      const existing = catalogs[lang][key];
      if (existing !== undefined && existing !== value) throw new Error(`i18n key ${key} (${lang}) defined twice`);
      catalogs[lang][key] = value;
    }
  }
}

/** A UI string; `{name}` placeholders are filled from params. Missing English falls back to Indonesian. */
export function t(key: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const template = catalogs[lang][key] ?? catalogs.id[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

export interface Localized {
  value: string;
  /** The language actually shown. */
  lang: Lang;
  /** True when English was asked for and Indonesian is shown instead. */
  fallback: boolean;
}

export function localize(text: Text | string | null | undefined, lang: Lang): Localized {
  if (text == null) return { value: '', lang: 'id', fallback: false };
  if (typeof text === 'string') return { value: text, lang: 'id', fallback: false };
  if (lang === 'en' && text.en) return { value: text.en, lang: 'en', fallback: false };
  return { value: text.id, lang: 'id', fallback: lang === 'en' };
}

export function parseLang(value: unknown): Lang | undefined {
  return value === 'id' || value === 'en' ? value : undefined;
}

const LANG_COOKIE = /(?:^|;\s*)lang=([a-z]{2})(?:;|$)/;

/** The `lang` cookie read from the raw Cookie header, for what answers before the cookie parser runs (the page edges). */
export function langCookieOf(cookieHeader: string | undefined): string | undefined {
  return LANG_COOKIE.exec(cookieHeader ?? '')?.[1];
}

/** ?lang wins (and is remembered in a cookie), then the cookie, then the browser; Indonesian by default. */
export function negotiateLang(query: unknown, cookie: unknown, acceptLanguage: string | undefined): Lang {
  const chosen = parseLang(query) ?? parseLang(cookie);
  if (chosen) return chosen;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}
