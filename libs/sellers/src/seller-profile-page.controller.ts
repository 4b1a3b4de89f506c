import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import { PublicPages } from '#libs/platform';
import { SellersService } from './sellers.service.js';
import { StorefrontLinks } from './storefront-links.repository.js';

/** The public profile of a seller: story, place, WhatsApp and formalisation badges. */
@Controller('sellers')
@ApiExcludeController()
export class SellerProfilePageController {
  constructor(
    private readonly publicPages: PublicPages,
    private readonly sellers: SellersService,
    private readonly links: StorefrontLinks,
  ) {}

  @Get(':slug')
  @Public()
  async profile(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response) {
    // Stored for every visitor (PublicPages); a seller's own suspended profile is rendered for them.
    await this.publicPages.page(req, res, 'sellers/profile', async (user) => {
      const seller = await this.sellers.view(slug, user);
      return {
        title: seller.name,
        seller,
        hasStorefront: (await this.links.published([seller.id])).has(seller.id),
        levelKey: `sellers.level.${seller.verification.level}`,
        metaDescription: seller.story?.id?.slice(0, 160),
      };
    });
  }
}
