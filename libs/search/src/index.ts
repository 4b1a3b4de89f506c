export { SearchModule } from './search.module.js';
export { SearchHttpModule } from './search-http.module.js';
export { CatalogueEdge } from './catalogue-edge.js';
export { CatalogueSearch, type CatalogueHit, type CatalogueResult } from './catalogue-search.service.js';
export { SearchSync, type ReconcileReport } from './search-sync.service.js';
export { SearchReindex } from './search-reindex.service.js';
export type { ProductDocument } from './product-document.js';
export { SEARCH_PAGE_QUERY } from './catalogue-query.dto.js';
