import { defineEvent } from '#libs/platform';

/**
 * The storefronts' domain events (CONTRIBUTING.md "Events and jobs"), recorded in the transaction
 * of the change.
 *
 * `StorefrontPublished`: a seller's live storefront changed (a publish, or a rollback, which
 * publishes an old version as `version`). Recorded by StorefrontsService. Subscriber: storefronts
 * (the seller's page stamp, in the transaction).
 */
export const StorefrontPublished = defineEvent<{ sellerId: string; version: number }>('storefronts.StorefrontPublished');
