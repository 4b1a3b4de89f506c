export { StorefrontsModule } from './storefronts.module.js';
export { StorefrontsService, type StorefrontState, type VersionSummary } from './storefronts.service.js';
export type { StorefrontDocument, StorefrontSection, ThemeSchema, Setting } from './theme-schema.js';
