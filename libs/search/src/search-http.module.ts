import { CatalogueModule } from '#libs/catalogue';
import { CurrencyModule } from '#libs/currency';
import { ExportModule } from '#libs/export';
import { Module } from '@nestjs/common';
import { CatalogueEdge } from './catalogue-edge.js';
import { CatalogueSearchController } from './catalogue-search.controller.js';
import { SearchModule } from './search.module.js';
import { SearchPageController } from './search-page.controller.js';

/** The HTTP side of search: its API routes and pages. Only the web app imports it; the worker and the CLI take SearchModule alone. */
@Module({
  imports: [SearchModule, CatalogueModule, CurrencyModule, ExportModule],
  providers: [CatalogueEdge],
  exports: [SearchModule, CatalogueEdge],
  controllers: [CatalogueSearchController, SearchPageController],
})
export class SearchHttpModule {}
