import { Inject, Injectable } from '@nestjs/common';
import { ExchangeRates } from '#libs/currency';
import { APP_CONFIG, invalid, Problem, type AppConfig, type Lang, type Money } from '#libs/platform';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { CatalogueQuery, Sort } from './catalogue-query.dto.js';
import { anyOf } from './meili-filter.js';
import { FACETS, type FacetName, type ProductDocument } from './product-document.js';
import { ProductIndex } from './product-index.service.js';

export interface CatalogueHit {
  id: string;
  title: string;
  /** The language `title` is in (Indonesian when English was asked for but is missing). */
  titleLang: Lang;
  sellerName: string;
  sellerSlug: string;
  regency: string;
  price: Money;
  /** `price` converted for display at the rate of `rateAsOf`; an estimate. */
  displayPrice?: Money;
  rateAsOf?: string;
  image?: string;
  exportReady: boolean;
}

export interface CatalogueResult {
  hits: CatalogueHit[];
  facets: Record<FacetName, Record<string, number>>;
  total: number;
  page: number;
  perPage: number;
  exchangeRate?: { currency: string; rate: number; asOf: string };
}

const SORT: Record<Sort, string[] | undefined> = {
  relevance: undefined,
  price_asc: ['price:asc'],
  price_desc: ['price:desc'],
  newest: ['createdAt:desc'],
};

/** A buyer waits for a search, not for a sick search engine: beyond this the answer is 503. */
const QUERY_TIMEOUT_MS = 2000;

type Hit = Pick<ProductDocument, 'id' | 'titleId' | 'titleEn' | 'sellerName' | 'sellerSlug' | 'regency' | 'price' | 'image' | 'exportReady'>;

/** The public catalogue search: filters escaped, facets counted, prices optionally converted. */
@Injectable()
export class CatalogueSearch {
  private readonly client: Meilisearch;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly index: ProductIndex,
    private readonly rates: ExchangeRates,
  ) {
    this.client = new Meilisearch({ host: config.meiliHost!, apiKey: config.meiliMasterKey, timeout: QUERY_TIMEOUT_MS });
  }

  async search(query: CatalogueQuery, lang: Lang): Promise<CatalogueResult> {
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      throw invalid('maxPrice', 'must not be below minPrice');
    }
    if (query.currency && !(await this.rates.currencies()).includes(query.currency)) {
      throw invalid('currency', `must be one of ${(await this.rates.currencies()).join(', ')}`);
    }
    const filter = [
      'status = "active"',
      anyOf('categories', query.category ?? []),
      anyOf('regency', query.regency ?? []),
      anyOf('materials', (query.material ?? []).map((m) => m.trim().toLowerCase())),
      anyOf('certifications', query.certification ?? []),
      query.exportReady === undefined ? undefined : `exportReady = ${query.exportReady}`,
      query.minPrice === undefined ? undefined : `price >= ${query.minPrice}`,
      query.maxPrice === undefined ? undefined : `price <= ${query.maxPrice}`,
    ].filter((part): part is string => !!part);

    const response = await this.client
      .index<ProductDocument>(this.index.name)
      .search<Hit>(query.q?.trim() ?? '', {
        filter,
        facets: Object.values(FACETS),
        sort: SORT[query.sort],
        page: query.page,
        hitsPerPage: query.perPage,
        attributesToRetrieve: ['id', 'titleId', 'titleEn', 'sellerName', 'sellerSlug', 'regency', 'price', 'image', 'exportReady'],
      })
      .catch((error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code?.startsWith('invalid_search')) throw new Problem(400, 'The search could not be understood');
        throw new Problem(503, 'Search is unavailable right now; please try again shortly.');
      });

    const hits = await Promise.all(response.hits.map((hit) => this.toHit(hit, lang, query.currency)));
    const facets = Object.fromEntries(
      Object.entries(FACETS).map(([name, field]) => [name, response.facetDistribution?.[field] ?? {}]),
    ) as CatalogueResult['facets'];
    const result: CatalogueResult = { hits, facets, total: (response as { totalHits?: number }).totalHits ?? 0, page: query.page, perPage: query.perPage };
    if (query.currency && query.currency !== 'IDR') {
      const sample = await this.rates.convert({ amount: 0, currency: 'IDR' }, query.currency);
      result.exchangeRate = { currency: query.currency, rate: sample.rate, asOf: sample.asOf };
    }
    return result;
  }

  private async toHit(hit: Hit, lang: Lang, currency?: string): Promise<CatalogueHit> {
    const english = lang === 'en' && !!hit.titleEn;
    const price: Money = { amount: hit.price, currency: 'IDR' };
    const out: CatalogueHit = {
      id: hit.id,
      title: english ? hit.titleEn! : hit.titleId,
      titleLang: english ? 'en' : 'id',
      sellerName: hit.sellerName,
      sellerSlug: hit.sellerSlug,
      regency: hit.regency,
      price,
      exportReady: hit.exportReady,
    };
    if (currency && currency !== 'IDR') {
      const converted = await this.rates.convert(price, currency);
      out.displayPrice = converted.money;
      out.rateAsOf = converted.asOf;
    }
    if (hit.image) out.image = hit.image;
    return out;
  }
}
