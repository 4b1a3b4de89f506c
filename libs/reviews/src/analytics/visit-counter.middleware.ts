import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LOGGER, type Logger } from '#libs/platform';
import { Analytics, type StatKind, type StatTarget } from './analytics.service.js';

/**
 * Counts storefront and product page views, search impressions (the ids a search response
 * put in `res.locals.searchImpressions`), search clicks (product links from search results carry
 * `?ref=search`) and cart adds, without touching the controllers that serve them. Counted
 * only when the response succeeded, after it is sent, so a view never waits on a counter.
 * The web app mounts it ahead of everything that may answer a page (StorefrontEdge sends cached
 * storefronts before the framework), so what a request is is read when it has been answered.
 */
const CART_ADD = /^(?:\/api\/v1)?\/cart\/items\/?(?:\?|$)/;

@Injectable()
export class VisitCounter implements NestMiddleware {
  constructor(
    private readonly analytics: Analytics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    res.once('finish', () => {
      if (res.statusCode >= 400) return;
      const events = this.eventsOf(req);
      const count = (done: Promise<void>, kind: StatKind) => done.catch((error: unknown) => this.logger.warn({ err: error, kind }, 'visit not counted'));
      for (const [kind, target] of events) void count(this.analytics.record(kind, target, req.headers), kind);
      // Search pages and the catalogue API list the products they showed here.
      const shown = res.locals.searchImpressions;
      if (shown?.length) void count(this.analytics.recordProducts('search_impression', shown, req.headers), 'search_impression');
    });
    next();
  }

  private eventsOf(req: Request): Array<[StatKind, StatTarget]> {
    if (req.method === 'GET') {
      const sellerSlug = /^\/s\/([a-z0-9-]{3,60})\/?(?:\?|$)/i.exec(req.originalUrl)?.[1];
      // The owner's draft preview is not a visit.
      if (sellerSlug) return req.query.preview ? [] : [['storefront_view', { sellerSlug }]];
      const productId = /^\/products\/([^/?]+)\/?(?:\?|$)/.exec(req.originalUrl)?.[1];
      if (!productId) return [];
      return req.query.ref === 'search'
        ? [
            ['product_view', { productId }],
            ['search_click', { productId }],
          ]
        : [['product_view', { productId }]];
    }
    if (req.method === 'POST' && CART_ADD.test(req.originalUrl) && typeof req.body?.productId === 'string') return [['cart_add', { productId: req.body.productId }]];
    return [];
  }
}
