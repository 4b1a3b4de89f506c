import './search.messages.js';
import { Module } from '@nestjs/common';
import { CatalogueModule } from '#libs/catalogue';
import { CurrencyModule } from '#libs/currency';
import { ExportModule } from '#libs/export';
import { CatalogueSearch } from './catalogue-search.service.js';
import { ProductDocuments } from './product-documents.repository.js';
import { ProductIndex } from './product-index.service.js';
import { SearchReindex } from './search-reindex.service.js';
import { SearchResultCache } from './search-result-cache.js';
import { SearchSync } from './search-sync.service.js';
import { SearchSyncStatus } from './search-sync-status.js';

/** The products index on Meilisearch: settings, outbox relay, reconcile, rebuild, and the catalogue query API and page. */
/** The services of search, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [ProductDocuments, ProductIndex, SearchResultCache, SearchSync, SearchSyncStatus, SearchReindex, CatalogueSearch];

@Module({
  imports: [CatalogueModule, CurrencyModule, ExportModule],
  providers: [...SERVICES],
  exports: [...SERVICES],
})
export class SearchModule {}
