/**
 * The tables catalogue owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: ['categories', 'products', 'product_variants', 'stock_ledger', 'media', 'product_images', 'imports'],
  views: ['catalogue_products_v', 'catalogue_product_variants_v', 'catalogue_product_images_v', 'catalogue_media_v'],
} as const;
