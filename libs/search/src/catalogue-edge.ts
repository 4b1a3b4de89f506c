import { Injectable } from '@nestjs/common';
import { parse } from 'node:querystring';
import { createValidationPipe, langCookieOf, negotiateLang, type PageEdge } from '#libs/platform';
import { CatalogueQuery } from './catalogue-query.dto.js';
import { CatalogueSearch } from './catalogue-search.service.js';

const ROUTE = '/api/v1/catalogue';

/**
 * Answers `GET /api/v1/catalogue` before the framework (an edge of the web app's front door) with
 * the same validation pipe and the same search as CatalogueSearchController: the router, parsers,
 * cookies, CSRF, guards and interceptors cost more CPU than the query's own work, CPU a small
 * machine takes from Meilisearch. Whatever it does not answer (bad input, a failed search, a
 * `?lang=` to remember in a cookie) goes on to the controller, which reports it as the problem it
 * is, so the answer is the same either way.
 */
@Injectable()
export class CatalogueEdge {
  private readonly validation = createValidationPipe();

  constructor(private readonly catalogue: CatalogueSearch) {}

  readonly serve: PageEdge = async (req, res) => {
    const [path, search = ''] = (req.url ?? '').split('?', 2);
    if (path !== ROUTE) return false;
    const params = parse(search);
    const cookieLang = langCookieOf(req.headers.cookie);
    if (params.lang !== undefined && params.lang !== cookieLang) return false;
    let query: CatalogueQuery;
    try {
      query = (await this.validation.transform(params, { type: 'query', metatype: CatalogueQuery })) as CatalogueQuery;
    } catch {
      return false;
    }
    const result = await this.catalogue.search(query, query.lang ?? negotiateLang(undefined, cookieLang, req.headers['accept-language'])).catch(() => undefined);
    if (!result) return false;
    // Served before the router: the visit counter's impressions and the metrics' route, as the controller leaves them.
    Object.assign(res.locals!, { searchImpressions: result.hits.map((hit) => hit.id), metricsRoute: ROUTE });
    const body = JSON.stringify(result);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
    return true;
  };
}
