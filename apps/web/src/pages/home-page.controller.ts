import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CategoriesService, ProductsService } from '#libs/catalogue';
import { FeaturedService } from '#libs/curation';
import { Public } from '#libs/identity';
import { ViewService } from '#libs/platform';

@Controller()
@ApiExcludeController()
export class HomePageController {
  constructor(
    private readonly views: ViewService,
    private readonly categories: CategoriesService,
    private readonly products: ProductsService,
    private readonly featured: FeaturedService,
  ) {}

  @Get()
  @Public()
  async home(@Req() req: Request, @Res() res: Response) {
    const [categories, newest, featured] = await Promise.all([this.categories.tree(), this.products.newest(12), this.featured.active()]);
    this.views.page(req, res, 'pages/home', { titleKey: 'home.title', categories, newest, featured });
  }
}
