import { defineEvent } from '#libs/platform';

/**
 * The sellers' domain events (CONTRIBUTING.md "Events and jobs"), recorded in the transaction
 * of the change.
 *
 * `SellerChanged`: what pages and search documents show about a seller may have changed (profile,
 * logo, cooperative, regency, suspension, verification badges, export readiness, reputation).
 * Recorded by SellersService (update, setSuspension, setRegency; curation calls the last two),
 * SellerDocumentsService (a document added, decided or lapsed), CooperativeMembershipService (join,
 * leave), export (a profile saved) and reviews (a reputation score changed). Subscribers: search
 * (re-indexes the seller's products), storefronts (the seller's page stamp, in the transaction).
 */
export const SellerChanged = defineEvent<{ sellerId: string }>('sellers.SellerChanged', { key: (e) => e.sellerId });
