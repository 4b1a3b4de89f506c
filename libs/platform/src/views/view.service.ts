import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sanitizeRichText } from '../html/sanitize.js';
import { localize, t, type Lang, type Text } from '../i18n/i18n.js';
import { formatMoney, type Money } from '../money/money.js';
import { projectRoot } from './project-root.js';

export type PageContextProvider = (req: Request, res: Response) => Record<string, unknown>;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.hbs') ? [path] : [];
  });
}

/**
 * Server-rendered pages. Templates are compiled once at start from `apps/web/views`
 * (named by their path, e.g. `pages/home`) and from each lib's `views` folder (named
 * `<lib>/<path>`, e.g. `catalogue/product`). Files under a `partials/` folder are partials
 * with the same naming. Handlebars escapes every `{{value}}`; only `{{rich …}}` (sanitised)
 * and `{{json …}}` (script-safe) output markup.
 */
@Injectable()
export class ViewService {
  readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly providers: PageContextProvider[] = [];

  constructor() {
    this.registerHelpers();
    const root = projectRoot();
    this.loadDir(join(root, 'apps/web/views'), '');
    const libs = join(root, 'libs');
    for (const lib of existsSync(libs) ? readdirSync(libs) : []) this.loadDir(join(libs, lib, 'views'), `${lib}/`);
  }

  /** Adds values to every page's context (the signed-in user, the CSRF token…). */
  addContextProvider(provider: PageContextProvider): void {
    this.providers.push(provider);
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** Renders a template alone (emails, fragments, storefront sections). */
  render(name: string, context: Record<string, unknown>): string {
    const template = this.templates.get(name);
    if (!template) throw new Error(`no template ${name}`);
    return template(context, { allowProtoPropertiesByDefault: false });
  }

  /** Renders `name` inside a layout (default `layouts/main`) and sends it. */
  page(req: Request, res: Response, name: string, data: Record<string, unknown> = {}, options: { status?: number; layout?: string } = {}): void {
    const html = this.pageHtml(req, res, name, data, options.layout);
    res
      .status(options.status ?? 200)
      .type('html')
      .setHeader('Content-Language', String(data.lang ?? req.lang ?? 'id'));
    res.send(html);
  }

  /**
   * The page as `page` would send it; without `res`, as any visitor without a session sees it (no
   * user, no CSRF token: nothing personal), for pages stored and sent to many.
   */
  pageHtml(req: Request, res: Response | undefined, name: string, data: Record<string, unknown> = {}, layout = 'layouts/main'): string {
    const context = { ...this.context(req, res), ...data };
    const body = this.render(name, context);
    return this.render(layout, { ...context, body: new Handlebars.SafeString(body) });
  }

  /** What every page's templates see of the request; with `res`, also this visitor's own (user, CSRF token). */
  context(req: Request, res?: Response): Record<string, unknown> {
    return {
      lang: req.lang ?? 'id',
      path: req.path,
      originalUrl: req.originalUrl,
      query: req.query,
      year: new Date().getUTCFullYear(),
      ...(res ? Object.assign({}, ...this.providers.map((provide) => provide(req, res))) : {}),
    };
  }

  private loadDir(dir: string, prefix: string) {
    for (const file of walk(dir)) {
      const name =
        prefix +
        relative(dir, file)
          .replace(/\\/g, '/')
          .replace(/\.hbs$/, '');
      const source = readFileSync(file, 'utf8');
      if (name.includes('partials/')) this.handlebars.registerPartial(name, source);
      this.templates.set(name, this.handlebars.compile(source, { strict: false, preventIndent: true }));
    }
  }

  private registerHelpers() {
    const h = this.handlebars;
    const langOf = (options: Handlebars.HelperOptions): Lang => (options.data?.root?.lang === 'en' ? 'en' : 'id');
    h.registerHelper('t', function (key: string, options: Handlebars.HelperOptions) {
      return t(key, langOf(options), options.hash ?? {});
    });
    h.registerHelper('text', (value: Text | string | undefined, options: Handlebars.HelperOptions) => localize(value, langOf(options)).value);
    h.registerHelper('textLang', (value: Text | string | undefined, options: Handlebars.HelperOptions) => localize(value, langOf(options)).lang);
    h.registerHelper('isFallback', (value: Text | string | undefined, options: Handlebars.HelperOptions) => localize(value, langOf(options)).fallback);
    h.registerHelper('money', (value: Money | undefined, options: Handlebars.HelperOptions) => (value ? formatMoney(value, langOf(options)) : ''));
    h.registerHelper('rich', (value: Text | string | undefined, options: Handlebars.HelperOptions) => {
      const html = typeof value === 'object' && value !== null ? localize(value, langOf(options)).value : (value ?? '');
      return new Handlebars.SafeString(sanitizeRichText(html));
    });
    h.registerHelper(
      'json',
      (value: unknown) =>
        new Handlebars.SafeString(
          JSON.stringify(value ?? null)
            .replace(/</g, '\\u003c')
            .replace(/>/g, '\\u003e')
            .replace(/&/g, '\\u0026')
            .replace(/\u2028|\u2029/g, ''),
        ),
    );
    h.registerHelper('date', (value: Date | string | undefined, options: Handlebars.HelperOptions) => {
      if (!value) return '';
      return new Intl.DateTimeFormat(langOf(options) === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeZone: 'Asia/Makassar' }).format(new Date(value));
    });
    /** A deadline: date and time in Bali (WITA), e.g. "30 Nov 2026 14.05 WITA". */
    h.registerHelper('dateTime', (value: Date | string | undefined, options: Handlebars.HelperOptions) => {
      if (!value) return '';
      const text = new Intl.DateTimeFormat(langOf(options) === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' }).format(new Date(value));
      return `${text} WITA`;
    });
    h.registerHelper('number', (value: number, options: Handlebars.HelperOptions) => new Intl.NumberFormat(langOf(options) === 'en' ? 'en-US' : 'id-ID').format(value ?? 0));
    h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    h.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
    h.registerHelper('gt', (a: number, b: number) => a > b);
    h.registerHelper('lt', (a: number, b: number) => a < b);
    h.registerHelper('not', (a: unknown) => !a);
    h.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
    h.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    h.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
    h.registerHelper('add', (a: number, b: number) => Number(a) + Number(b));
    /** The current URL with one query parameter replaced, for language switches, pagination and facets. */
    h.registerHelper('withQuery', function (key: string, value: unknown, options: Handlebars.HelperOptions) {
      const root = options.data?.root ?? {};
      const url = new URL(String(root.originalUrl ?? '/'), 'http://x');
      if (value === null || value === undefined || value === '') url.searchParams.delete(key);
      else url.searchParams.set(key, String(value));
      if (key !== 'page') url.searchParams.delete('page');
      return url.pathname + url.search;
    });
  }
}
