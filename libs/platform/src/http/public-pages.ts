import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DbNotifications } from '../database/db-notifications.js';
import { langCookieOf, negotiateLang, type Lang } from '../i18n/i18n.js';
import { ViewService } from '../views/view.service.js';
import { compressPage, sendCachedPage, sendPersonalPage, type CachedPage } from './cached-page.js';
import { CdnPurge } from './cdn-purge.js';
import type { DoorRequest, DoorResponse, PageEdge } from './front-door.js';

const CHANNEL = 'pk_public_page';
const MAX_ENTRIES = 5_000;
/** Ends the key of a page stored for signed-in visitors. */
const SIGNED_IN = '|signed-in';

/**
 * Marks the places of a stored page where each signed-in visitor's own content goes: a random word per
 * process, so no product text can forge one. `-<name>-` follows it.
 */
const HOLE = `pkhole${randomBytes(8).toString('hex')}`;
const HOLES = new RegExp(`${HOLE}-([A-Za-z]+)-`);
const hole = (name: string) => `${HOLE}-${name}-`;

/** The page for signed-in visitors: the text between its holes, and the holes' names (`[text, name, text, …]`). */
type PersonalParts = string[];

/** What a page shows a signed-in visitor of their own (a "write a review" link…), by hole: markup rendered by a template. */
export type PersonalContent = Record<string, (user: NonNullable<Request['user']>) => Promise<string>>;

/** A route the store serves, with the query parameters its page varies by (the rest, but `lang`, take the framework's way). */
export interface PublicRoute {
  path: string;
  query?: readonly string[];
}

interface Entry {
  page: CachedPage | PersonalParts;
  /** What the page's request left in `res.locals` for those who watch requests (the search impressions the visit counter counts). */
  locals: Record<string, unknown>;
  /** What the header shows of the page (the search box's words), for a signed-in visitor's own header. */
  header: Record<string, unknown>;
  /** Past this the page is rendered again (a featured collection's window ends without a change to announce it). */
  expiresAt: number;
}

/**
 * Sends `pg_notify('pk_public_page')` in the transaction of a change that public pages show: PostgreSQL
 * delivers it at commit, and every web process drops its stored pages before the next request reads
 * them: all of them, or with `path` only that route's (`/search`: what only search pages show changed).
 */
export async function publicPagesChanged(manager: EntityManager, path = ''): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [CHANNEL, path]);
}

/**
 * Public pages (home, product, category, directory…) rendered once per (path, language) from what
 * everyone may see, and stored: for visitors without a session as bytes with their gzip and Brotli
 * forms, which `edge` sends before the framework's parsers, cookies, CSRF, guards and router (as
 * StorefrontEdge does for storefronts); for signed-in visitors as text with holes where each one's
 * header, CSRF token and own content go, filled per request (their session is checked by the guard
 * as on any page). Anything the edge cannot serve goes on to the controller, which renders and fills
 * the store, so the answer is the same either way. Any `pk_public_page` notice empties the store
 * (changes are rare, reads are not), and `DbNotifications.sync()` makes a change committed before a
 * request show in it. While the notices cannot be heard nothing is kept. Each web process keeps its own.
 */
@Injectable()
export class PublicPages implements OnApplicationBootstrap {
  private readonly pages = new Map<string, Entry>();
  private routes: Array<PublicRoute & { pattern: RegExp }> = [];
  /** Unset until the web app names the session cookie: until then nothing is stored. */
  private personal?: RegExp;
  /** Bumped by every notice: a page rendered from data read before one arrived is not kept. */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly notifications: DbNotifications,
    private readonly views: ViewService,
    private readonly cdn: CdnPurge,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.subscribe(CHANNEL, {
      onMessage: (path) => {
        this.forget(path);
        this.cdn.changed(path);
      },
      onState: (listening) => {
        this.listening = listening;
        this.forget('');
      },
    });
  }

  /**
   * The routes whose pages are stored (`/products/:id`) and the cookies of a session (a signed-in
   * visitor's page): their owners sit above this lib, so the web app names them.
   */
  configure(routes: PublicRoute[], sessionCookies: string[]): void {
    this.routes = routes.map((route) => ({ ...route, pattern: new RegExp(`^${route.path.replace(/:[a-z]+/gi, '[^/]+')}$`) }));
    this.personal = new RegExp(`(?:^|;\\s*)(?:${sessionCookies.join('|')})=`);
  }

  /**
   * The store's key for this request, or undefined when the page must be rendered for it: not a
   * stored route, a bearer token (an API client), or a query the route's page does not vary by.
   * A session gets the page for signed-in visitors (its own key), which takes each visitor's
   * header, CSRF token and `personal` content.
   */
  keyOf(req: DoorRequest, lang: Lang): string | undefined {
    if (!this.personal || (req.method !== 'GET' && req.method !== 'HEAD') || req.headers.authorization) return undefined;
    const [path = '', search = ''] = (req.originalUrl ?? req.url ?? '').split('?', 2);
    const route = this.routeOf(path);
    if (!route) return undefined;
    const query = new URLSearchParams(search);
    query.delete('lang');
    if ([...query.keys()].some((name) => !route.query?.includes(name))) return undefined;
    query.sort();
    return `${path}?${query}|${lang}${this.personal.test(req.headers.cookie ?? '') ? SIGNED_IN : ''}`;
  }

  private routeOf(path: string) {
    return this.routes.find((r) => r.pattern.test(path));
  }

  /**
   * Answers with template `name` rendered from `data(undefined)` (what everyone may see), stored
   * once: to a visitor without a session as it is; to a signed-in one with their own header, CSRF
   * token and `personal` content put in. A page the public may not see (a seller's own draft) is
   * rendered for the signed-in visitor from `data(req.user)`; a request the store does not key is rendered.
   */
  async page(
    req: Request,
    res: Response,
    name: string,
    data: (user: Request['user']) => Promise<Record<string, unknown>>,
    options: { ttlMs?: number; personal?: PersonalContent } = {},
  ): Promise<void> {
    const lang = req.lang ?? 'id';
    const key = this.keyOf(req, lang);
    if (!key) return this.render(req, res, name, data, options.personal);
    const stored = await this.get(key);
    if (stored) return this.send(req, res, stored, lang, options.personal);
    const generation = this.generation;
    const localsBefore = new Set(Object.keys(res.locals));
    let content: Record<string, unknown>;
    try {
      content = await data(undefined);
    } catch (error) {
      if (!req.user) throw error;
      return this.render(req, res, name, data, options.personal);
    }
    const locals = Object.fromEntries(Object.entries(res.locals).filter(([name]) => !localsBefore.has(name)));
    const header = { searchQuery: content.searchQuery };
    if (!key.endsWith(SIGNED_IN)) {
      return this.send(req, res, this.set(key, { page: storedPage(this.views.pageHtml(req, undefined, name, content)), locals, header }, generation, options.ttlMs), lang);
    }
    const holes = Object.fromEntries(Object.keys(options.personal ?? {}).map((name) => [name, new Handlebars.SafeString(hole(name))]));
    const html = this.views.pageHtml(req, undefined, name, { ...content, ...holes, csrfToken: hole('csrf'), personalHeader: new Handlebars.SafeString(hole('header')) });
    await this.send(req, res, this.set(key, { page: html.split(HOLES), locals, header }, generation, options.ttlMs), lang, options.personal);
  }

  private async send(req: Request, res: Response, { page: stored, locals, header }: Omit<Entry, 'expiresAt'>, lang: Lang, personal?: PersonalContent): Promise<void> {
    Object.assign(res.locals, locals);
    if (!Array.isArray(stored)) return sendCachedPage(req, res, stored, lang, this.config.cdnMaxAge);
    const context = { ...this.views.context(req, res), ...header };
    const fills: Record<string, string> = {
      ...(await this.personalContent(req, personal)),
      header: this.views.render('partials/header', context),
      csrf: Handlebars.escapeExpression(String(context.csrfToken ?? '')),
    };
    sendPersonalPage(req, res, stored.map((part, i) => (i % 2 ? fills[part]! : part)).join(''), lang);
  }

  /** The page rendered for this request alone, from what `req.user` may see. */
  private async render(req: Request, res: Response, name: string, data: (user: Request['user']) => Promise<Record<string, unknown>>, personal?: PersonalContent): Promise<void> {
    const [content, own] = await Promise.all([data(req.user), this.personalContent(req, personal)]);
    const markup = Object.fromEntries(Object.entries(own).map(([hole, html]) => [hole, new Handlebars.SafeString(html)]));
    this.views.page(req, res, name, { ...content, ...markup });
  }

  /** This visitor's own parts of the page (none without a user). */
  private async personalContent(req: Request, personal: PersonalContent = {}): Promise<Record<string, string>> {
    const user = req.user;
    const entries = await Promise.all(Object.entries(personal).map(async ([name, render]) => [name, user ? await render(user) : ''] as const));
    return Object.fromEntries(entries);
  }

  /** A stored page, once every change committed before this call has been heard. */
  private async get(key: string): Promise<Entry | undefined> {
    if (!this.listening || !this.pages.has(key) || !(await this.notifications.sync())) return undefined;
    const entry = this.pages.get(key);
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  }

  /** Stores the page (unless a change was heard since `generation` was read) and returns it, ready to send. */
  private set(key: string, stored: Omit<Entry, 'expiresAt'>, generation: number, ttlMs = Infinity): Omit<Entry, 'expiresAt'> {
    if (this.listening && generation === this.generation) {
      this.pages.delete(key);
      if (this.pages.size >= MAX_ENTRIES) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, { ...stored, expiresAt: Date.now() + ttlMs });
    }
    return stored;
  }

  /** Answers a visitor without a session from the store, before the framework (see the class comment and `frontDoor`). */
  readonly edge: PageEdge = async (req: DoorRequest, res: DoorResponse) => {
    const path = req.url!.split('?', 1)[0]!;
    const route = this.routeOf(path)?.path;
    if (!route) return false;
    const query = new URLSearchParams(req.url!.slice(path.length + 1));
    const cookieLang = langCookieOf(req.headers.cookie);
    // A `?lang=` that differs from the cookie is remembered in it: the framework's way sets the cookie.
    if (query.has('lang') && query.get('lang') !== cookieLang) return false;
    const lang = negotiateLang(query.get('lang') ?? undefined, cookieLang, req.headers['accept-language']);
    const key = this.keyOf(req, lang);
    // A signed-in visitor's page takes their session, checked by the framework's guard.
    if (!key || key.endsWith(SIGNED_IN)) return false;
    const entry = await this.get(key);
    if (!entry || Array.isArray(entry.page)) return false;
    // Served before the router: the metrics name the route the controller would have matched.
    Object.assign(res.locals!, entry.locals, { metricsRoute: route });
    sendCachedPage(req, res, entry.page, lang, this.config.cdnMaxAge);
    return true;
  };

  /** Drops the pages of `path` (the keys start with it and its query), or every page. */
  private forget(path: string): void {
    this.generation++;
    if (!path) return this.pages.clear();
    for (const key of this.pages.keys()) if (key.startsWith(`${path}?`)) this.pages.delete(key);
  }
}

/** A page for every visitor without a session, encoded and compressed once. */
function storedPage(html: string): CachedPage {
  // A hash of the bytes: every process (and a CDN in front) agrees on the validator of the same page.
  return compressPage(html, `W/"pp-${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`);
}
