import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CategoriesService } from '#libs/catalogue';
import { ExchangeRates } from '#libs/currency';
import { Public } from '#libs/identity';
import { formatMoney, localize, PublicPages, regencyName, t, type Lang } from '#libs/platform';
import { CatalogueQuery, SORTS } from './catalogue-query.dto.js';
import { CatalogueSearch } from './catalogue-search.service.js';
import { FACETS, type FacetName } from './product-document.js';
import { MAX_COUNTED_HITS, MAX_PAGED_HITS } from './search-settings.js';

/**
 * `/search`: the catalogue for people, working without JavaScript (one GET form of
 * checkboxes and selects). Its price fields are whole rupiah, as buyers type them.
 */
@Controller('search')
@ApiExcludeController()
export class SearchPageController {
  constructor(
    private readonly catalogue: CatalogueSearch,
    private readonly categories: CategoriesService,
    private readonly rates: ExchangeRates,
    private readonly publicPages: PublicPages,
  ) {}

  @Get()
  @Public()
  async page(@Query() query: CatalogueQuery, @Req() req: Request, @Res() res: Response) {
    // Stored per query for every visitor (PublicPages): a search that many make is answered from memory until the index changes.
    await this.publicPages.page(req, res, 'search/search', () => this.pageData(query, req, res));
  }

  private async pageData(query: CatalogueQuery, req: Request, res: Response): Promise<Record<string, unknown>> {
    const lang: Lang = query.lang ?? req.lang;
    const result = await this.catalogue.search(
      { ...query, minPrice: query.minPrice === undefined ? undefined : query.minPrice * 100, maxPrice: query.maxPrice === undefined ? undefined : query.maxPrice * 100 },
      lang,
    );
    res.locals.searchImpressions = result.hits.map((hit) => hit.id);
    const categoryNames = new Map((await this.categories.all()).map((c) => [c.slug, localize(c.name, lang).value]));
    const selected: Record<FacetName, string[]> = {
      category: query.category ?? [],
      regency: query.regency ?? [],
      material: (query.material ?? []).map((m) => m.toLowerCase()),
      certification: query.certification ?? [],
      exportReady: query.exportReady === undefined ? [] : [String(query.exportReady)],
    };
    const label = (facet: FacetName, value: string) =>
      facet === 'category'
        ? (categoryNames.get(value) ?? value)
        : facet === 'regency'
          ? regencyName(value)
          : facet === 'exportReady'
            ? t(value === 'true' ? 'search.exportReady' : 'search.notExportReady', lang)
            : value;
    const facets = (Object.keys(FACETS) as FacetName[]).map((name) => ({
      name,
      legend: t(`search.facet.${name}`, lang),
      options: Object.entries(result.facets[name])
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([value, count]) => ({ value, count, label: label(name, value), checked: selected[name].includes(value) })),
    }));
    const pages = Math.max(1, Math.ceil(Math.min(result.total, MAX_PAGED_HITS) / result.perPage));
    const numbers = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID');
    const pageUrl = (page: number) => {
      const url = new URL(req.originalUrl, 'http://x');
      url.searchParams.set('page', String(page));
      return url.pathname + url.search;
    };
    const dateFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      title: query.q ? `${query.q} · ${t('search.title', lang)}` : t('search.title', lang),
      lang,
      searchQuery: query.q ?? '',
      query,
      totalText: numbers.format(result.total) + (result.total >= MAX_COUNTED_HITS ? '+' : ''),
      pagedText: result.total > MAX_PAGED_HITS ? numbers.format(MAX_PAGED_HITS) : undefined,
      hits: result.hits.map((hit) => ({
        ...hit,
        regencyLabel: regencyName(hit.regency),
        displayPriceText: hit.displayPrice ? formatMoney(hit.displayPrice, lang) : undefined,
        rateDateText: hit.rateAsOf ? dateFormat.format(new Date(hit.rateAsOf)) : undefined,
      })),
      facets,
      sorts: SORTS.map((value) => ({ value, label: t(`search.sort.${value}`, lang), selected: value === query.sort })),
      currencies: (await this.rates.currencies()).map((value) => ({ value, selected: value === (query.currency ?? 'IDR') })),
      minRp: query.minPrice,
      maxRp: query.maxPrice,
      page: result.page,
      pages,
      prevUrl: result.page > 1 ? pageUrl(result.page - 1) : undefined,
      nextUrl: result.page < pages ? pageUrl(result.page + 1) : undefined,
      clearUrl: `/search?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(lang === 'en' ? { lang } : {}) })}`.replace(/\?$/, ''),
    };
  }
}
