import { Injectable } from '@nestjs/common';
import { ExchangeRates } from '#libs/currency';
import { invalid, MeiliQueries, MeiliQueryError, Problem, type Lang, type Money } from '#libs/platform';
import type { MultiSearchQuery as SearchQuery } from 'meilisearch';
import type { CatalogueQuery, Sort } from './catalogue-query.dto.js';
import { anyOf } from './meili-filter.js';
import { FACETS, type FacetName, type ProductDocument } from './product-document.js';
import { ProductIndex } from './product-index.service.js';
import { SearchResultCache } from './search-result-cache.js';
import { MAX_PAGED_HITS } from './search-settings.js';

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

/** The public catalogue search: filters escaped, facets counted disjunctively, prices optionally converted, popular answers micro-cached. */
@Injectable()
export class CatalogueSearch {
  constructor(
    private readonly meili: MeiliQueries,
    private readonly index: ProductIndex,
    private readonly rates: ExchangeRates,
    private readonly answers: SearchResultCache,
  ) {}

  async search(query: CatalogueQuery, lang: Lang): Promise<CatalogueResult> {
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      throw invalid('maxPrice', 'must not be below minPrice');
    }
    if ((query.page - 1) * query.perPage >= MAX_PAGED_HITS) {
      throw invalid('page', `only the first ${MAX_PAGED_HITS} results can be paged through; narrow the search with words or filters`);
    }
    if (query.currency && !(await this.rates.currencies()).includes(query.currency)) {
      throw invalid('currency', `must be one of ${(await this.rates.currencies()).join(', ')}`);
    }
    return this.answers.get(JSON.stringify([lang, query]), () => this.run(query, lang));
  }

  private async run(query: CatalogueQuery, lang: Lang): Promise<CatalogueResult> {
    // One clause per facet, so each facet's own choice can be left out when counting it.
    const chosen: Record<FacetName, string | undefined> = {
      category: anyOf('categories', query.category ?? []),
      regency: anyOf('regency', query.regency ?? []),
      material: anyOf(
        'materials',
        (query.material ?? []).map((m) => m.trim().toLowerCase()),
      ),
      certification: anyOf('certifications', query.certification ?? []),
      exportReady: query.exportReady === undefined ? undefined : `exportReady = ${query.exportReady}`,
    };
    const filterWithout = (left?: FacetName) =>
      [
        'status = "active"',
        ...(Object.keys(chosen) as FacetName[]).filter((name) => name !== left).map((name) => chosen[name]),
        query.minPrice === undefined ? undefined : `price >= ${query.minPrice}`,
        query.maxPrice === undefined ? undefined : `price <= ${query.maxPrice}`,
      ].filter((part): part is string => !!part);
    const q = query.q?.trim() ?? '';
    const main: SearchQuery = {
      indexUid: this.index.name,
      q,
      filter: filterWithout(),
      facets: Object.values(FACETS),
      sort: SORT[query.sort],
      page: query.page,
      hitsPerPage: query.perPage,
      attributesToRetrieve: ['id', 'titleId', 'titleEn', 'sellerName', 'sellerSlug', 'regency', 'price', 'image', 'exportReady'],
    };
    // Disjunctive facets: a ticked facet is counted as if nothing in it were ticked, so its other values keep their counts.
    const ticked = (Object.keys(chosen) as FacetName[]).filter((name) => chosen[name]);
    const counts: SearchQuery[] = ticked.map((name) => ({ indexUid: this.index.name, q, filter: filterWithout(name), facets: [FACETS[name]], limit: 0 }));

    const responses = await this.meili.multiSearch<Hit>({ queries: [main, ...counts] }, QUERY_TIMEOUT_MS).catch((error: unknown) => {
      if (error instanceof MeiliQueryError && error.code?.startsWith('invalid_search')) throw new Problem(400, 'The search could not be understood');
      throw new Problem(503, 'Search is unavailable right now; please try again shortly.');
    });
    const [response, ...facetResponses] = responses.results;
    const distribution = { ...response!.facetDistribution };
    ticked.forEach((name, i) => (distribution[FACETS[name]] = facetResponses[i]?.facetDistribution?.[FACETS[name]] ?? {}));

    const hits = await Promise.all(response!.hits.map((hit) => this.toHit(hit as Hit, lang, query.currency)));
    const facets = Object.fromEntries(Object.entries(FACETS).map(([name, field]) => [name, distribution[field] ?? {}])) as CatalogueResult['facets'];
    const result: CatalogueResult = { hits, facets, total: response!.totalHits ?? 0, page: query.page, perPage: query.perPage };
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
