import { Injectable } from '@nestjs/common';
import type Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, ViewService, type Text } from '#libs/platform';
import { SETTING_TYPES, type SectionSchema, type Setting, type ThemeSchema } from './theme-schema.js';

interface ThemeFile {
  name: Text;
  description?: Text;
  settings: Setting[];
  /** The section types offered, in the editor's order, with settings this theme adds. */
  sections: Array<{ type: string; settings?: Setting[] }>;
}

/** A theme ready to render: its schema, its CSS and one compiled template per section type. */
export interface Theme {
  schema: ThemeSchema;
  description: Text;
  css: string;
  sections: ReadonlyMap<string, Handlebars.TemplateDelegate>;
}

const THEME_KEY = /^[a-z][a-z0-9-]{1,30}$/;

/**
 * The built-in themes in `libs/storefronts/themes`, read and compiled once at start.
 * `themes/sections.json` and `themes/sections/*.hbs` are the section types every theme may
 * offer; a theme folder holds `theme.json`, `theme.css` and optional `sections/<type>.hbs`
 * overrides. Seller data only ever picks a section *type* that the theme's own table
 * maps to a compiled template — never a template name, file or partial.
 */
@Injectable()
export class ThemeRegistry {
  private readonly themes = new Map<string, Theme>();
  readonly document: Handlebars.TemplateDelegate;

  constructor(views: ViewService) {
    const dir = join(projectRoot(), 'libs/storefronts/themes');
    // Handlebars compiles lazily on first use: one empty render compiles now, and a broken template stops the start.
    const compile = (file: string) => {
      const template = views.handlebars.compile(readFileSync(file, 'utf8'), { strict: false, preventIndent: true });
      template({ lang: 'id' });
      return template;
    };
    const common = (JSON.parse(readFileSync(join(dir, 'sections.json'), 'utf8')) as { sections: SectionSchema[] }).sections;
    const baseCss = readFileSync(join(dir, 'base.css'), 'utf8');
    this.document = compile(join(dir, 'document.hbs'));
    const shared = new Map(common.map((section) => [section.type, compile(join(dir, 'sections', `${section.type}.hbs`))]));

    for (const key of readdirSync(dir)
      .filter((name) => existsSync(join(dir, name, 'theme.json')))
      .sort()) {
      if (!THEME_KEY.test(key)) throw new Error(`theme folder ${key}: not a valid theme key`);
      const file = JSON.parse(readFileSync(join(dir, key, 'theme.json'), 'utf8')) as ThemeFile;
      const sections = file.sections.map(({ type, settings = [] }) => {
        const base = common.find((section) => section.type === type);
        if (!base) throw new Error(`theme ${key}: unknown section type ${type}`);
        return { ...base, settings: [...base.settings, ...settings] };
      });
      const schema: ThemeSchema = { key, name: file.name, settings: file.settings, sections };
      assertSchema(schema);
      const templates = new Map<string, Handlebars.TemplateDelegate>();
      for (const { type } of sections) {
        const own = join(dir, key, 'sections', `${type}.hbs`);
        templates.set(type, existsSync(own) ? compile(own) : shared.get(type)!);
      }
      const css = baseCss + readFileSync(join(dir, key, 'theme.css'), 'utf8');
      this.themes.set(key, { schema, description: file.description ?? file.name, css: minifyCss(css), sections: templates });
    }
    for (const required of ['hero', 'story']) {
      for (const theme of this.themes.values()) if (!theme.sections.has(required)) throw new Error(`theme ${theme.schema.key} lacks the ${required} section`);
    }
  }

  get(key: string): Theme | undefined {
    return this.themes.get(key);
  }

  list(): Theme[] {
    return [...this.themes.values()];
  }

  schemas(): ReadonlyMap<string, ThemeSchema> {
    return new Map([...this.themes].map(([key, theme]) => [key, theme.schema]));
  }
}

/** A theme file with a typo should stop the start, not surface as a seller's 422. */
function assertSchema(theme: ThemeSchema) {
  const settings = (list: Setting[], where: string) => {
    const ids = new Set<string>();
    for (const setting of list) {
      if (!SETTING_TYPES.includes(setting.type)) throw new Error(`${where}.${setting.id}: unknown setting type ${setting.type}`);
      if (ids.has(setting.id)) throw new Error(`${where}: setting ${setting.id} twice`);
      if (setting.type === 'select' && !setting.options?.length) throw new Error(`${where}.${setting.id}: a select needs options`);
      ids.add(setting.id);
    }
  };
  settings(theme.settings, theme.key);
  if (!theme.settings.some((s) => s.id === 'primaryColor' && s.type === 'color')) throw new Error(`theme ${theme.key}: needs a primaryColor setting`);
  for (const section of theme.sections) {
    settings(section.settings, `${theme.key}.${section.type}`);
    for (const block of section.blocks ?? []) settings(block.settings, `${theme.key}.${section.type}.${block.type}`);
  }
}

/** Comments and runs of whitespace out: the CSS is inlined in every storefront page. */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
