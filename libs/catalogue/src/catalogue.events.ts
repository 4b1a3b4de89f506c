import { defineEvent } from '#libs/platform';

/**
 * The catalogue's domain events (CONTRIBUTING.md "Events and jobs"), recorded in the transaction
 * of the change.
 *
 * `ProductChanged`: what a product's page, card or search document shows may have changed (its
 * fields, status, variants, images or stock). Recorded by ProductsService (create, update,
 * archive, stock correction), ProductBulkWriter (CSV imports, demo data) and StockService
 * (reservations and releases by commerce). Subscribers: search (re-indexes the product), storefronts
 * (the seller's page stamp, in the transaction).
 */
export const ProductChanged = defineEvent<{ productId: string; sellerId: string }>('catalogue.ProductChanged', { key: (e) => e.productId });
