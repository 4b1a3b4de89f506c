import type { Text } from '#libs/platform';
import type { SectionSchema, Setting, StorefrontDocument, StorefrontSection, ThemeSchema } from './theme-schema.js';

/** What the editor's pickers may offer: only the seller's own uploads and products. */
export interface EditorChoices {
  images: Array<{ id: string; name: string }>;
  products: Array<{ id: string; title: Text }>;
  categories: Array<{ slug: string; name: Text }>;
}

/** One input of the editor, generated from a setting of the schema. */
export interface EditorField {
  name: string;
  htmlId: string;
  label: Text;
  type: Setting['type'];
  value?: string;
  valueId?: string;
  valueEn?: string;
  checked?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  step?: number;
  options?: Array<{ value: string; label: Text | string; selected: boolean }>;
}

type Plain = Record<string, unknown>;
const plain = (value: unknown): Plain => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Plain) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Inputs for a list of settings, named `<prefix>[<setting id>]`. */
export function editorFields(settings: Setting[], values: Plain, prefix: string, choices: EditorChoices): EditorField[] {
  return settings.map((setting) => {
    const value = values[setting.id] ?? setting.default;
    const name = `${prefix}[${setting.id}]`;
    const field: EditorField = { name, htmlId: name.replace(/[^a-zA-Z0-9_-]+/g, '-'), label: setting.label, type: setting.type, maxLength: setting.maxLength };
    switch (setting.type) {
      case 'text':
      case 'richtext':
        field.valueId = typeof value === 'string' ? value : str(plain(value).id);
        field.valueEn = typeof value === 'string' ? '' : str(plain(value).en);
        break;
      case 'checkbox':
        field.checked = value === true;
        break;
      case 'range':
        Object.assign(field, { value: value === undefined ? '' : String(value), min: setting.min, max: setting.max, step: setting.step });
        break;
      case 'select':
        field.options = (setting.options ?? []).map((o) => ({ value: o.value, label: o.label, selected: o.value === value }));
        break;
      case 'image':
        field.options = choices.images.map((img) => ({ value: img.id, label: img.name, selected: img.id === value }));
        break;
      case 'product':
        field.options = choices.products.map((p) => ({ value: p.id, label: p.title, selected: p.id === value }));
        break;
      case 'products':
        field.options = choices.products.map((p) => ({ value: p.id, label: p.title, selected: Array.isArray(value) && value.includes(p.id) }));
        break;
      case 'category':
        field.options = choices.categories.map((c) => ({ value: c.slug, label: c.name, selected: c.slug === value }));
        break;
      default:
        field.value = str(value);
    }
    return field;
  });
}

/** Setting values from a posted form (the inverse of `editorFields`); the validator judges them. */
export function settingsFromForm(settings: Setting[], form: unknown): Plain {
  const posted = plain(form);
  const values: Plain = {};
  for (const setting of settings) {
    const raw = posted[setting.id];
    switch (setting.type) {
      case 'text':
      case 'richtext': {
        const { id, en } = plain(raw);
        if (str(id) || str(en)) values[setting.id] = str(en) ? { id: str(id), en: str(en) } : { id: str(id) };
        break;
      }
      case 'checkbox':
        values[setting.id] = raw === '1';
        break;
      case 'range':
        if (str(raw).trim()) values[setting.id] = Number(raw);
        break;
      case 'products':
        if (Array.isArray(raw)) values[setting.id] = raw.filter((v) => typeof v === 'string' && v);
        break;
      default:
        if (str(raw)) values[setting.id] = str(raw).trim();
    }
  }
  return values;
}

/** Posted blocks (`b[0][type]`, `b[0][s][…]`) in order; qs gives an array or, past its limit, an object. */
export function blocksFromForm(section: SectionSchema, form: unknown): StorefrontSection['blocks'] {
  const list = Array.isArray(form)
    ? form
    : Object.entries(plain(form))
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, v]) => v);
  return list.flatMap((entry) => {
    const schema = section.blocks?.find((b) => b.type === plain(entry).type);
    return schema ? [{ type: schema.type, settings: settingsFromForm(schema.settings, plain(entry).s) }] : [];
  });
}

/** A document moved to another theme: sections and settings the new theme lacks are left behind. */
export function conformToTheme(document: StorefrontDocument, theme: ThemeSchema): StorefrontDocument {
  const keep = (values: Plain, settings: Setting[]) => Object.fromEntries(Object.entries(values).filter(([key]) => settings.some((s) => s.id === key)));
  return {
    theme: theme.key,
    settings: keep(document.settings, theme.settings),
    sections: document.sections.flatMap((section) => {
      const schema = theme.sections.find((s) => s.type === section.type);
      if (!schema) return [];
      const blocks = section.blocks?.flatMap((block) => {
        const blockSchema = schema.blocks?.find((b) => b.type === block.type);
        return blockSchema ? [{ ...block, settings: keep(block.settings, blockSchema.settings) }] : [];
      });
      return [{ ...section, settings: keep(section.settings, schema.settings), ...(blocks ? { blocks } : {}) }];
    }),
  };
}

/** A free section id for a new section of `type`: the type itself, else `type-2`, `type-3`… */
export function newSectionId(document: StorefrontDocument, type: string): string {
  const base = type.replace(/_/g, '-');
  const taken = new Set(document.sections.map((s) => s.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
