import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import { APP_CONFIG, PublicPages, REGENCIES, regencyName, t, type AppConfig } from '#libs/platform';
import { SellerDirectoryQuery } from './sellers.dto.js';
import { SellersService } from './sellers.service.js';
import { StorefrontLinks } from './storefront-links.repository.js';

/** `/sellers`: the public directory of sellers not suspended, filtered by regency (`?regency=`; another value → 422 naming it). */
@Controller('sellers')
@ApiExcludeController()
export class SellerDirectoryPageController {
  constructor(
    private readonly publicPages: PublicPages,
    private readonly sellers: SellersService,
    private readonly links: StorefrontLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async directory(@Query() query: SellerDirectoryQuery, @Req() req: Request, @Res() res: Response) {
    // Without a regency or page it is stored for visitors without a session or cart (PublicPages).
    await this.publicPages.page(req, res, 'sellers/directory', async () => {
      const [list, counts] = await Promise.all([this.sellers.list(query), this.sellers.countByRegency()]);
      const hrefs = await this.links.hrefs(list.items);
      const pages = Math.max(1, Math.ceil(list.total / list.perPage));
      const title = query.regency ? t('sellers.directory.inRegency', req.lang, { regency: regencyName(query.regency) }) : t('sellers.directory.title', req.lang);
      return {
        title,
        metaDescription: t('sellers.directory.description', req.lang),
        canonical: `${this.config.publicUrl}/sellers${query.regency ? `?regency=${query.regency}` : ''}${list.page > 1 ? `${query.regency ? '&' : '?'}page=${list.page}` : ''}`,
        sellers: list.items.map((seller) => ({ ...seller, href: hrefs.get(seller.id), levelKey: `sellers.level.${seller.verification.level}` })),
        total: [...counts.values()].reduce((sum, n) => sum + n, 0),
        regencies: REGENCIES.map((r) => ({ slug: r.slug, name: r.name, count: counts.get(r.slug) ?? 0, selected: r.slug === query.regency })),
        regency: query.regency,
        page: list.page,
        pages,
        prevPage: list.page > 1 ? list.page - 1 : undefined,
        nextPage: list.page < pages ? list.page + 1 : undefined,
      };
    });
  }
}
