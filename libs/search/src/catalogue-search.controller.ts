import { Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import { ApiController } from '#libs/platform';
import { CatalogueQuery } from './catalogue-query.dto.js';
import { CatalogueSearch } from './catalogue-search.service.js';

@ApiController('catalogue', 'search')
export class CatalogueSearchController {
  constructor(private readonly catalogue: CatalogueSearch) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Search active products of every seller, with facets, sorts and converted prices' })
  @ApiOkResponse({ description: '{ hits, facets, total, page, perPage } (API.md "Search")' })
  @ApiServiceUnavailableResponse({ description: 'Meilisearch is unreachable' })
  async search(@Query() query: CatalogueQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.catalogue.search(query, query.lang ?? req.lang);
    res.locals.searchImpressions = result.hits.map((hit) => hit.id);
    return result;
  }
}
