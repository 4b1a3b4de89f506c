import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DbNotifications } from '../database/db-notifications.js';
import { langCookieOf, negotiateLang, type Lang } from '../i18n/i18n.js';
import { ViewService } from '../views/view.service.js';
import { compressPage, sendCachedPage, type CachedPage } from './cached-page.js';

const CHANNEL = 'pk_public_page';
const MAX_ENTRIES = 5_000;

interface Entry {
  page: CachedPage;
  /** Past this the page is rendered again (a featured collection's window ends without a change to announce it). */
  expiresAt: number;
}

/**
 * Sends `pg_notify('pk_public_page')` in the transaction of a change that public pages show: PostgreSQL
 * delivers it at commit, and every web process drops its stored pages before the next request reads them.
 */
export async function publicPagesChanged(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
}

/**
 * Public pages (home, product…) for visitors without a session, bearer or cart, rendered once per
 * (path, language) and kept as stored bytes with their gzip and Brotli forms. `edge` serves them before
 * the framework's parsers, cookies, CSRF, guards and router, as StorefrontEdge does for storefronts;
 * anything it cannot serve goes on to the controller, which renders and fills the store, so the answer
 * is the same either way. Any `pk_public_page` notice empties the store (changes are rare, reads are
 * not), and `DbNotifications.sync()` makes a change committed before a request show in it. While the
 * notices cannot be heard nothing is kept. Each web process keeps its own.
 */
@Injectable()
export class PublicPages implements OnApplicationBootstrap {
  private readonly pages = new Map<string, Entry>();
  private routes: Array<{ route: string; pattern: RegExp }> = [];
  /** Unset until the web app names the personal cookies: until then nothing is stored. */
  private personal?: RegExp;
  /** Bumped by every notice: a page rendered from data read before one arrived is not kept. */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly notifications: DbNotifications,
    private readonly views: ViewService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.subscribe(CHANNEL, {
      onMessage: () => this.forgetAll(),
      onState: (listening) => {
        this.listening = listening;
        this.forgetAll();
      },
    });
  }

  /**
   * The routes the edge serves (`/products/:id`) and the cookies that make a page personal (a session,
   * a cart): their owners sit above this lib, so the web app names them.
   */
  configure(routes: string[], personalCookies: string[]): void {
    this.routes = routes.map((route) => ({ route, pattern: new RegExp(`^${route.replace(/:[a-z]+/gi, '[^/]+')}$`) }));
    this.personal = new RegExp(`(?:^|;\\s*)(?:${personalCookies.join('|')})=`);
  }

  /**
   * The store's key for this request, or undefined when the page must be rendered for this visitor:
   * signed in, holding a cart, or asking with a query other than `lang`.
   */
  keyOf(req: Request, lang: Lang): string | undefined {
    if (!this.personal || (req.method !== 'GET' && req.method !== 'HEAD') || req.headers.authorization || this.personal.test(req.headers.cookie ?? '')) return undefined;
    const [path, search] = req.originalUrl.split('?', 2);
    if (search && [...new URLSearchParams(search).keys()].some((name) => name !== 'lang')) return undefined;
    return `${path}|${lang}`;
  }

  /**
   * Answers with template `name`: for a visitor with nothing personal, the stored page (rendered and
   * stored first if need be, from `data(undefined)`); for anyone else, rendered from `data(req.user)`.
   */
  async page(req: Request, res: Response, name: string, data: (user: Request['user']) => Promise<Record<string, unknown>>, options: { ttlMs?: number } = {}): Promise<void> {
    const lang = req.lang ?? 'id';
    const key = this.keyOf(req, lang);
    if (!key) return this.views.page(req, res, name, await data(req.user));
    let page = await this.get(key);
    if (!page) {
      const generation = this.generation;
      page = this.set(key, this.views.pageHtml(req, undefined, name, await data(undefined)), generation, options.ttlMs);
    }
    sendCachedPage(req, res, page, lang);
  }

  /** A stored page, once every change committed before this call has been heard. */
  private async get(key: string): Promise<CachedPage | undefined> {
    if (!this.listening || !this.pages.has(key) || !(await this.notifications.sync())) return undefined;
    const entry = this.pages.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.page : undefined;
  }

  /** Stores the rendered page (unless a change was heard since `generation` was read) and returns it, ready to send. */
  private set(key: string, html: string, generation: number, ttlMs = Infinity): CachedPage {
    // A hash of the bytes: every process (and a CDN in front) agrees on the validator of the same page.
    const page = compressPage(html, `W/"pp-${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`);
    if (this.listening && generation === this.generation) {
      this.pages.delete(key);
      if (this.pages.size >= MAX_ENTRIES) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, { page, expiresAt: Date.now() + ttlMs });
    }
    return page;
  }

  /** Mounted ahead of the framework (see the class comment). */
  readonly edge = (req: Request, res: Response, next: NextFunction): void => {
    const path = req.url.split('?', 1)[0]!;
    const route = this.routes.find((r) => r.pattern.test(path))?.route;
    if (!route) return next();
    const query = new URLSearchParams(req.url.slice(path.length + 1));
    const cookieLang = langCookieOf(req.headers.cookie);
    // A `?lang=` that differs from the cookie is remembered in it: the framework's way sets the cookie.
    if (query.has('lang') && query.get('lang') !== cookieLang) return next();
    const lang = negotiateLang(query.get('lang') ?? undefined, cookieLang, req.headers['accept-language']);
    const key = this.keyOf(req, lang);
    if (!key) return next();
    this.get(key).then(
      (page) => {
        if (!page) return next();
        // Served before the router: the metrics name the route the controller would have matched.
        res.locals.metricsRoute = route;
        sendCachedPage(req, res, page, lang);
      },
      () => next(),
    );
  };

  private forgetAll(): void {
    this.generation++;
    this.pages.clear();
  }
}
