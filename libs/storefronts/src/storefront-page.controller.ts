import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, type SignedInUser } from '#libs/identity';
import { APP_CONFIG, notFound, sendCachedPage, type AppConfig } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { StorefrontPageCache } from './storefront-page-cache.js';
import { StorefrontRenderer } from './storefront-renderer.js';
import { StorefrontStamps } from './storefront-stamps.js';
import { StorefrontsService } from './storefronts.service.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/i;

/**
 * `/s/:slug`: the published storefront for everyone, `?preview=1` the draft for its managers. A page
 * already rendered is usually sent before reaching here (StorefrontEdge); this renders the rest.
 */
@Controller('s')
@ApiExcludeController()
export class StorefrontPageController {
  constructor(
    private readonly stamps: StorefrontStamps,
    private readonly cache: StorefrontPageCache,
    private readonly renderer: StorefrontRenderer,
    private readonly storefronts: StorefrontsService,
    private readonly sellers: SellersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':slug')
  @Public()
  async show(@Param('slug') slug: string, @Query('preview') preview: unknown, @Req() req: Request, @Res() res: Response) {
    const stamp = SLUG.test(slug) ? await this.stamps.bySlugOf(slug) : null;
    // A suspended seller's shop is gone for visitors and for its owner alike.
    if (!stamp || stamp.suspended) throw notFound('Storefront');
    const lang = req.lang ?? 'id';

    if (preview === '1') {
      if (!(await this.storefronts.canManage(req.user as SignedInUser | undefined, stamp.sellerId))) throw notFound('Storefront');
      const seller = (await this.sellers.findById(stamp.sellerId))!;
      const html = await this.renderer.render(seller, await this.storefronts.draftOf(seller), { lang, preview: true });
      res.type('html').setHeader('Content-Language', lang);
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('X-Robots-Tag', 'noindex');
      return res.send(html);
    }

    const version = stamp.publishedVersion;
    if (!version) throw notFound('Storefront');
    let page = this.cache.get(stamp.sellerId, lang, version, stamp.stamp);
    if (page === undefined) {
      const [seller, published] = await Promise.all([this.sellers.findById(stamp.sellerId), this.storefronts.version(stamp.sellerId, version)]);
      if (!seller || !published) throw notFound('Storefront');
      const html = await this.renderer.render(seller, published.document, { lang, preview: false });
      page = this.cache.set(stamp.sellerId, lang, version, stamp.stamp, html);
    }
    sendCachedPage(req, res, page, lang, this.config.cdnMaxAge);
  }
}
