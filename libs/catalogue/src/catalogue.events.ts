import { defineEvent } from '#libs/platform';

/**
 * The catalogue's domain events (CONTRIBUTING.md "Events and jobs"), recorded in the transaction
 * of the change.
 *
 * `ProductChanged`: what a product's page, card or search document shows may have changed (its
 * fields, status, variants, images or stock). Recorded by ProductsService (create, update,
 * archive, stock correction), ProductBulkWriter (CSV imports, demo data) and StockService
 * (reservations and releases by commerce). `stockOnly`: nothing but its stock moved (StockService),
 * which of the marketplace's stored pages only its own shows. Subscribers: search (re-indexes the
 * product), storefronts (the seller's page stamp and the stored public pages, in the transaction).
 */
export const ProductChanged = defineEvent<{ productId: string; sellerId: string; stockOnly?: boolean }>('catalogue.ProductChanged', { key: (e) => e.productId });
