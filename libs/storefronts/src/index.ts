export { StorefrontsModule } from './storefronts.module.js';
export { StorefrontsHttpModule } from './storefronts-http.module.js';
export { StorefrontEdge } from './storefront-edge.js';
export { StorefrontsService, type StorefrontState, type VersionSummary } from './storefronts.service.js';
export type { StorefrontDocument, StorefrontSection, ThemeSchema, Setting } from './theme-schema.js';
export { StorefrontPublished } from './storefronts.events.js';
