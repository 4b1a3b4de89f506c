import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, langCookieOf, negotiateLang, sendCachedPage, type AppConfig, type DoorRequest, type DoorResponse, type PageEdge } from '#libs/platform';
import { StorefrontPageCache } from './storefront-page-cache.js';
import { StorefrontStamps } from './storefront-stamps.js';

/** A bare `/s/<slug>`: a query (`?lang=`, `?preview=1`) takes the whole way, through StorefrontPageController. */
const BARE_PAGE = /^\/s\/([a-z0-9][a-z0-9-]{0,79})$/i;

/**
 * Serves a published storefront page that is already rendered straight from memory, before the
 * framework's body parsers, cookies, CSRF, guards, interceptors and router (an edge of the web
 * app's `frontDoor`): those cost a cached page many times what sending its bytes does. Anything else (not rendered yet, changed, suspended, unknown, a query) goes on to the
 * controller, which renders and fills the cache, so the answer is the same either way; the page
 * is the same for every visitor, signed in or not.
 */
@Injectable()
export class StorefrontEdge {
  constructor(
    private readonly stamps: StorefrontStamps,
    private readonly cache: StorefrontPageCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  readonly serve: PageEdge = async (req: DoorRequest, res: DoorResponse) => {
    const slug = BARE_PAGE.exec(req.url ?? '')?.[1];
    if (!slug) return false;
    const stamp = await this.stamps.bySlugOf(slug);
    if (!stamp || stamp.suspended || !stamp.publishedVersion) return false;
    const lang = negotiateLang(undefined, langCookieOf(req.headers.cookie), req.headers['accept-language']);
    const page = this.cache.get(stamp.sellerId, lang, stamp.publishedVersion, stamp.stamp);
    if (!page) return false;
    // Served before the router: the metrics name the route the controller would have matched.
    res.locals!.metricsRoute = '/s/:slug';
    sendCachedPage(req, res, page, lang, this.config.cdnMaxAge);
    return true;
  };
}
