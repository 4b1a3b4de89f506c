import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CategoriesService, ProductsService } from '#libs/catalogue';
import { FeaturedService } from '#libs/curation';
import { Public } from '#libs/identity';
import { PublicPages } from '#libs/platform';

@Controller()
@ApiExcludeController()
export class HomePageController {
  constructor(
    private readonly publicPages: PublicPages,
    private readonly categories: CategoriesService,
    private readonly products: ProductsService,
    private readonly featured: FeaturedService,
  ) {}

  @Get()
  @Public()
  async home(@Req() req: Request, @Res() res: Response) {
    // Stored for visitors without a session or cart; a minute at most, for featured windows that open or close with no change to announce it.
    await this.publicPages.page(
      req,
      res,
      'pages/home',
      async () => {
        const [categories, newest, featured] = await Promise.all([this.categories.tree(), this.products.newest(12), this.featured.active()]);
        return { titleKey: 'home.title', categories, newest, featured };
      },
      { ttlMs: 60_000 },
    );
  }
}
