import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import { APP_CONFIG, localize, notFound, PublicPages, t, ViewService, type AppConfig } from '#libs/platform';
import { CategoriesService } from './categories.service.js';
import { CATEGORY_SORTS, CategoryPageQuery } from '../products/product.dto.js';
import { ProductsService } from '../products/products.service.js';

/** `/categories/:slug`: a category's products and those of its subcategories, paginated and sorted by plain links (no JavaScript). */
@Controller('categories')
@ApiExcludeController()
export class CategoryPageController {
  constructor(
    private readonly views: ViewService,
    private readonly publicPages: PublicPages,
    private readonly categories: CategoriesService,
    private readonly products: ProductsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':slug')
  @Public()
  async show(@Param('slug') slug: string, @Query() query: CategoryPageQuery, @Req() req: Request, @Res() res: Response) {
    const category = await this.categories.find(slug);
    if (!category) throw notFound('Category');
    // Its first page in the default order is stored for visitors without a session or cart (PublicPages); a sort or page query is rendered.
    await this.publicPages.page(req, res, 'catalogue/category', async () => {
      const [ancestors, children, list] = await Promise.all([
        this.categories.ancestors(slug),
        this.categories.children(slug),
        this.categories.withDescendants(slug).then((slugs) => this.products.listInCategories(slugs, query)),
      ]);
      const name = localize(category.name, req.lang);
      const pages = Math.max(1, Math.ceil(list.total / list.perPage));
      // Sort links start again at page 1; page links keep the sort.
      const url = (params: Record<string, string | number | undefined>) => {
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries({ lang: query.lang, perPage: query.perPage === 20 ? undefined : query.perPage, ...params })) if (value !== undefined) search.set(key, String(value));
        const qs = search.toString();
        return `/categories/${category.slug}${qs ? `?${qs}` : ''}`;
      };
      const sortParam = query.sort === 'newest' ? undefined : query.sort;
      const summary = t('catalogue.category.description', req.lang, { name: name.value, count: list.total });
      const canonical = `${this.config.publicUrl}/categories/${category.slug}${list.page > 1 ? `?page=${list.page}` : ''}`;
      // Search engines show the trail (Tekstil › Endek) instead of a bare URL.
      const jsonLd = {
        '@context': 'https://schema.org',
        '@type': 'BreadcrumbList',
        itemListElement: [...ancestors, category].map((c, i) => ({
          '@type': 'ListItem',
          position: i + 1,
          name: localize(c.name, req.lang).value,
          item: `${this.config.publicUrl}/categories/${c.slug}`,
        })),
      };
      return {
        title: name.value,
        metaDescription: summary,
        canonical,
        head: this.views.render('catalogue/partials/category-head', { jsonLd, title: name.value, summary, url: canonical, lang: req.lang }),
        category,
        nameLang: name.lang,
        ancestors,
        children,
        products: list.items,
        total: list.total,
        sorts: CATEGORY_SORTS.map((value) => ({ label: t(`catalogue.category.sort.${value}`, req.lang), url: url({ sort: value === 'newest' ? undefined : value }), selected: value === query.sort })),
        page: list.page,
        pages,
        prevUrl: list.page > 1 ? url({ sort: sortParam, page: list.page - 1 > 1 ? list.page - 1 : undefined }) : undefined,
        nextUrl: list.page < pages ? url({ sort: sortParam, page: list.page + 1 }) : undefined,
      };
    });
  }
}
