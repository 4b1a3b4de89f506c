import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type DoorRequest, type DoorResponse, type Logger } from '#libs/platform';
import { Analytics, type StatKind, type StatTarget } from './analytics.service.js';

/**
 * Counts storefront and product page views, search impressions (the ids a search response
 * put in `res.locals.searchImpressions`), search clicks (product links from search results carry
 * `?ref=search`) and cart adds, without touching the controllers that serve them. Counted
 * only when the response succeeded, after it is sent, so a view never waits on a counter.
 * An observer of the web app's front door, so pages sent from memory before the framework
 * (stored storefronts and public pages) count too; what a request is is read once it has been answered.
 */
const CART_ADD = /^(?:\/api\/v1)?\/cart\/items\/?(?:\?|$)/;

@Injectable()
export class VisitCounter {
  constructor(
    private readonly analytics: Analytics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  readonly observe = (req: DoorRequest, res: DoorResponse): void => {
    res.once('finish', () => {
      if (res.statusCode >= 400) return;
      const events = this.eventsOf(req);
      const count = (done: Promise<void>, kind: StatKind) => done.catch((error: unknown) => this.logger.warn({ err: error, kind }, 'visit not counted'));
      for (const [kind, target] of events) void count(this.analytics.record(kind, target, req.headers), kind);
      // Search pages and the catalogue API list the products they showed here.
      const shown = res.locals?.searchImpressions as string[] | undefined;
      if (shown?.length) void count(this.analytics.recordProducts('search_impression', shown, req.headers), 'search_impression');
    });
  };

  private eventsOf(req: DoorRequest): Array<[StatKind, StatTarget]> {
    const url = req.originalUrl ?? req.url ?? '';
    if (req.method === 'GET') {
      const query = new URLSearchParams(url.split('?', 2)[1]);
      const sellerSlug = /^\/s\/([a-z0-9-]{3,60})\/?(?:\?|$)/i.exec(url)?.[1];
      // The owner's draft preview is not a visit.
      if (sellerSlug) return query.get('preview') ? [] : [['storefront_view', { sellerSlug }]];
      const productId = /^\/products\/([^/?]+)\/?(?:\?|$)/.exec(url)?.[1];
      if (!productId) return [];
      return query.get('ref') === 'search'
        ? [
            ['product_view', { productId }],
            ['search_click', { productId }],
          ]
        : [['product_view', { productId }]];
    }
    const body = (req as DoorRequest & { body?: { productId?: unknown } }).body;
    if (req.method === 'POST' && CART_ADD.test(url) && typeof body?.productId === 'string') return [['cart_add', { productId: body.productId }]];
    return [];
  }
}
