import { Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Request } from 'express';
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
  search(@Query() query: CatalogueQuery, @Req() req: Request) {
    return this.catalogue.search(query, query.lang ?? req.lang);
  }
}
