import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PageSlots, ViewService, type SlotContent } from '#libs/platform';
import { ReviewPrompts } from './review-prompts.js';
import { ReviewsService, type ReviewSummary } from './reviews.service.js';

/** How many reviews a product page shows before linking to all of them. */
export const PRODUCT_PAGE_REVIEWS = 3;

/** schema.org AggregateRating for a rated product; nothing before the first visible review. */
function aggregateRating(summary: ReviewSummary): SlotContent['structuredData'] {
  if (!summary.count) return undefined;
  return { aggregateRating: { '@type': 'AggregateRating', ratingValue: summary.average, reviewCount: summary.count, bestRating: 5, worstRating: 1 } };
}

/** Fills the catalogue's product page and the storefronts with visible reviews and ratings. */
@Injectable()
export class ReviewSlots implements OnModuleInit {
  constructor(
    private readonly slots: PageSlots,
    private readonly views: ViewService,
    private readonly reviews: ReviewsService,
    private readonly prompts: ReviewPrompts,
  ) {}

  onModuleInit(): void {
    this.slots.register('product.reviews', async ({ productId, lang }) => {
      const [summaries, items] = await Promise.all([this.reviews.summaries([productId]), this.reviews.newest(productId, PRODUCT_PAGE_REVIEWS)]);
      const summary = summaries.get(productId)!;
      const html = this.views.render('reviews/slots/product', { lang, productId, summary, items, more: summary.count > items.length });
      return { html, structuredData: aggregateRating(summary) };
    });
    // A buyer with a completed order of the product and no review yet is asked for one.
    this.slots.register('product.review-prompt', async ({ productId, lang, user }) => {
      const reviewable = await this.prompts.line(user.id, productId);
      return { html: reviewable ? this.views.render('reviews/slots/review-prompt', { lang, reviewable }) : '' };
    });
    this.slots.register('seller.rating', async ({ sellerId, lang }) => {
      const summary = await this.reviews.sellerSummary(sellerId);
      return { html: summary.count ? this.views.render('reviews/slots/seller-rating', { lang, sellerId, summary }) : '' };
    });
  }
}
