import { invalid, sanitizeRichText, type FieldError } from '#libs/platform';
import { ID_PATTERN, LIMITS, type BlockSchema, type SectionSchema, type Setting, type StorefrontBlock, type StorefrontDocument, type StorefrontSection, type ThemeSchema } from './theme-schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY_SLUG = /^[a-z0-9-]{1,60}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_ERRORS = 50;

/** What a document refers to outside itself; each must belong to the seller (or exist, for categories). */
export interface Reference {
  kind: 'media' | 'product' | 'category';
  value: string;
  field: string;
}

/** Answers, in bulk, which referenced ids the seller may use. */
export interface OwnershipCheck {
  media(ids: string[]): Promise<string[]>;
  products(ids: string[]): Promise<string[]>;
  categories(slugs: string[]): Promise<string[]>;
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A URL a visitor may follow: https, or a path on this site, or an anchor on the page. */
export function isSafeUrl(value: string): boolean {
  // Control characters can hide a scheme from a reader of the URL.
  // eslint-disable-next-line no-control-regex
  if (value.length > 500 || /[\s\\\u0000-\u001f\u007f]/.test(value)) return false;
  if (/^#[A-Za-z0-9_-]*$/.test(value)) return true;
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !!url.hostname && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * Checks a storefront document against its theme's schema and the seller's own media and
 * products. Returns a clean copy (unknown keys refused, rich text sanitised, colours in lower
 * case, empty values dropped) or throws 422 whose errors name each bad value's path.
 */
export class StorefrontValidator {
  private readonly errors: FieldError[] = [];
  private readonly refs: Reference[] = [];

  constructor(private readonly themes: ReadonlyMap<string, ThemeSchema>) {}

  async validate(input: unknown, check: OwnershipCheck): Promise<StorefrontDocument> {
    const document = this.structure(input);
    if (this.errors.length === 0) await this.checkReferences(check);
    if (this.errors.length > 0) throw invalid(this.errors[0]!.field, this.errors[0]!.message, this.errors.slice(1, MAX_ERRORS));
    return document!;
  }

  private fail(field: string, message: string) {
    this.errors.push({ field, message });
  }

  private structure(input: unknown): StorefrontDocument | undefined {
    if (!isPlain(input)) return (this.fail('', 'must be an object { theme, settings, sections }'), undefined);
    if (Buffer.byteLength(JSON.stringify(input)) > LIMITS.bytes) return (this.fail('sections', `the page must be at most ${LIMITS.bytes / 1024} KB of JSON`), undefined);
    for (const key of Object.keys(input)) if (!['theme', 'settings', 'sections'].includes(key)) this.fail(key, 'is not a known field');
    const theme = typeof input.theme === 'string' ? this.themes.get(input.theme) : undefined;
    if (!theme) return (this.fail('theme', `must be one of ${[...this.themes.keys()].join(', ')}`), undefined);
    const settings = this.settings(input.settings ?? {}, theme.settings, 'settings');
    if (!Array.isArray(input.sections)) return (this.fail('sections', 'must be an array'), undefined);
    if (input.sections.length > LIMITS.sections) this.fail('sections', `must have at most ${LIMITS.sections} sections`);
    const seen = new Set<string>();
    const sections = input.sections.slice(0, LIMITS.sections).flatMap((section, index) => {
      const clean = this.section(section, theme, `sections[${index}]`);
      if (clean && seen.has(clean.id)) this.fail(`sections[${index}].id`, 'is used by another section');
      if (clean) seen.add(clean.id);
      return clean ? [clean] : [];
    });
    return { theme: theme.key, settings, sections };
  }

  private section(input: unknown, theme: ThemeSchema, path: string): StorefrontSection | undefined {
    if (!isPlain(input)) return (this.fail(path, 'must be an object { id, type, settings, blocks? }'), undefined);
    for (const key of Object.keys(input)) if (!['id', 'type', 'settings', 'blocks'].includes(key)) this.fail(`${path}.${key}`, 'is not a known field');
    const id = this.id(input.id, `${path}.id`);
    const schema = theme.sections.find((s) => s.type === input.type);
    if (!schema) return (this.fail(`${path}.type`, `must be one of ${theme.sections.map((s) => s.type).join(', ')}`), undefined);
    const settings = this.settings(input.settings ?? {}, schema.settings, `${path}.settings`);
    const blocks = this.blocks(input.blocks, schema, `${path}.blocks`);
    if (id === undefined) return undefined;
    return { id, type: schema.type, settings, ...(blocks ? { blocks } : {}) };
  }

  private blocks(input: unknown, schema: SectionSchema, path: string): StorefrontBlock[] | undefined {
    if (input === undefined || input === null) return undefined;
    if (!schema.blocks?.length) return (this.fail(path, 'this section has no blocks'), undefined);
    if (!Array.isArray(input)) return (this.fail(path, 'must be an array'), undefined);
    const max = Math.min(LIMITS.blocks, schema.maxBlocks ?? LIMITS.blocks);
    if (input.length > max) return (this.fail(path, `must have at most ${max} blocks`), undefined);
    return input.flatMap((block, index) => {
      const clean = this.block(block, schema.blocks!, `${path}[${index}]`);
      return clean ? [clean] : [];
    });
  }

  private block(input: unknown, schemas: BlockSchema[], path: string): StorefrontBlock | undefined {
    if (!isPlain(input)) return (this.fail(path, 'must be an object { type, settings }'), undefined);
    for (const key of Object.keys(input)) if (!['id', 'type', 'settings'].includes(key)) this.fail(`${path}.${key}`, 'is not a known field');
    const schema = schemas.find((b) => b.type === input.type);
    if (!schema) return (this.fail(`${path}.type`, `must be one of ${schemas.map((b) => b.type).join(', ')}`), undefined);
    const id = input.id === undefined ? undefined : this.id(input.id, `${path}.id`);
    return { ...(id ? { id } : {}), type: schema.type, settings: this.settings(input.settings ?? {}, schema.settings, `${path}.settings`) };
  }

  private id(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
    this.fail(path, 'must match ^[a-z0-9_-]{1,40}$');
    return undefined;
  }

  private settings(input: unknown, schema: Setting[], path: string): Record<string, unknown> {
    if (!isPlain(input)) return (this.fail(path, 'must be an object keyed by setting id'), {});
    const clean: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const setting = schema.find((s) => s.id === key);
      if (!setting) {
        this.fail(`${path}.${key}`, 'is not a setting here');
        continue;
      }
      if (value === null || value === '') continue;
      const result = this.value(value, setting, `${path}.${key}`);
      if (result !== undefined) clean[key] = result;
    }
    return clean;
  }

  private value(value: unknown, setting: Setting, path: string): unknown {
    switch (setting.type) {
      case 'text':
        return this.text(value, setting.maxLength ?? 500, path, (s) => s);
      case 'richtext':
        return this.text(value, setting.maxLength ?? 10_000, path, sanitizeRichText);
      case 'color':
        if (typeof value === 'string' && COLOR.test(value)) return value.toLowerCase();
        return this.fail(path, 'must be a colour #RRGGBB');
      case 'select':
        if (typeof value === 'string' && setting.options?.some((o) => o.value === value)) return value;
        return this.fail(path, `must be one of ${setting.options?.map((o) => o.value).join(', ')}`);
      case 'range': {
        const { min = 0, max = 100, step = 1 } = setting;
        const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) return this.fail(path, `must be a number from ${min} to ${max}`);
        const steps = (number - min) / step;
        if (Math.abs(steps - Math.round(steps)) > 1e-9) return this.fail(path, `must be ${min} plus a multiple of ${step}`);
        return number;
      }
      case 'checkbox':
        if (typeof value === 'boolean') return value;
        return this.fail(path, 'must be true or false');
      case 'url':
        if (typeof value === 'string' && isSafeUrl(value)) return value;
        return this.fail(path, 'must be an https:// address or a path on this site starting with /');
      case 'image':
        return this.reference('media', value, path, 'must be the id of one of your uploaded images');
      case 'product':
        return this.reference('product', value, path, 'must be the id of one of your products');
      case 'category':
        if (typeof value === 'string' && CATEGORY_SLUG.test(value)) return (this.refs.push({ kind: 'category', value, field: path }), value);
        return this.fail(path, 'must be a category slug');
      case 'products': {
        if (!Array.isArray(value)) return this.fail(path, 'must be an array of product ids');
        if (value.length > LIMITS.products) return this.fail(path, `must have at most ${LIMITS.products} products`);
        if (new Set(value).size !== value.length) return this.fail(path, 'lists a product twice');
        return value.map((id, index) => this.reference('product', id, `${path}[${index}]`, 'must be the id of one of your products'));
      }
    }
  }

  /** A string or a Text `{ id, en? }`, each at most `max` characters, passed through `clean`. */
  private text(value: unknown, max: number, path: string, clean: (s: string) => string): unknown {
    if (typeof value === 'string') return value.length > max ? this.fail(path, `must be at most ${max} characters`) : clean(value);
    if (!isPlain(value)) return this.fail(path, 'must be a string or { id, en? }');
    const keys = Object.keys(value);
    if (typeof value.id !== 'string' || keys.some((k) => k !== 'id' && k !== 'en') || (value.en !== undefined && typeof value.en !== 'string')) {
      return this.fail(path, 'must be a string or { id, en? }');
    }
    for (const lang of ['id', 'en'] as const) {
      if (typeof value[lang] === 'string' && (value[lang] as string).length > max) return this.fail(`${path}.${lang}`, `must be at most ${max} characters`);
    }
    return { id: clean(value.id), ...(typeof value.en === 'string' && value.en !== '' ? { en: clean(value.en) } : {}) };
  }

  private reference(kind: Reference['kind'], value: unknown, path: string, message: string): string | undefined {
    if (typeof value !== 'string' || !UUID.test(value)) return (this.fail(path, message), undefined);
    const id = value.toLowerCase();
    this.refs.push({ kind, value: id, field: path });
    return id;
  }

  private async checkReferences(check: OwnershipCheck) {
    const ask = (kind: Reference['kind']) => [...new Set(this.refs.filter((r) => r.kind === kind).map((r) => r.value))];
    const [media, products, categories] = await Promise.all([check.media(ask('media')), check.products(ask('product')), check.categories(ask('category'))]);
    const known = { media: new Set(media), product: new Set(products), category: new Set(categories) };
    const messages = { media: 'must be the id of one of your uploaded images', product: 'must be the id of one of your products', category: 'is not a category' };
    for (const ref of this.refs) if (!known[ref.kind].has(ref.value)) this.fail(ref.field, messages[ref.kind]);
  }
}
