import { defineEvent } from '#libs/platform';

/**
 * The reviews' domain events (CONTRIBUTING.md "Events and jobs"), recorded in the transaction of
 * the change.
 *
 * `ReviewChanged`: a review was written, replied to, hidden or restored (what product pages and
 * storefronts show of it, and its product's rating). Recorded by ReviewsService. Subscriber:
 * storefronts (the seller's page stamp, in the transaction). The seller's reputation follows through
 * reviews' own `reviews.reputation-scores` job; a changed score records sellers' `SellerChanged`.
 */
export const ReviewChanged = defineEvent<{ reviewId: string; productId: string; sellerId: string }>('reviews.ReviewChanged', { key: (e) => e.reviewId });
