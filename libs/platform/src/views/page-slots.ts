import { Injectable } from '@nestjs/common';
import type { Lang } from '../i18n/i18n.js';

/** The named places on pages of lower libs that higher libs may fill, with what each receives. */
export interface PageSlotContexts {
  /** Below a product on its page. */
  'product.reviews': { productId: string; lang: Lang };
  /** On a product's page, for this signed-in visitor alone (the page's other slots are the same for everyone). */
  'product.review-prompt': { productId: string; lang: Lang; user: { id: string } };
  /** Beside a seller's name on its storefront. */
  'seller.rating': { sellerId: string; lang: Lang };
  /** On the page of an order shipped abroad: what the exporter must prepare for its destination. */
  'order.export-documents': { destination: string; productIds: string[]; lang: Lang };
}
export type PageSlot = keyof PageSlotContexts;

export interface SlotContent {
  /** Markup already escaped by its template. */
  html: string;
  /** schema.org properties the page merges into its own JSON-LD subject (e.g. `aggregateRating`). */
  structuredData?: Record<string, unknown>;
}

export type SlotRenderer<S extends PageSlot> = (context: PageSlotContexts[S]) => Promise<SlotContent>;

/**
 * Lets a higher lib add to a lower lib's page without the lower lib importing it (reviews on
 * catalogue's product page and on storefronts). Renderers register at start; a slot nobody
 * filled renders as nothing.
 */
@Injectable()
export class PageSlots {
  private readonly renderers = new Map<PageSlot, Array<SlotRenderer<never>>>();

  register<S extends PageSlot>(slot: S, renderer: SlotRenderer<S>): void {
    this.renderers.set(slot, [...(this.renderers.get(slot) ?? []), renderer as SlotRenderer<never>]);
  }

  /** Every renderer's output in registration order: markup joined, structured data merged. */
  async render<S extends PageSlot>(slot: S, context: PageSlotContexts[S]): Promise<SlotContent> {
    const outputs = await Promise.all((this.renderers.get(slot) ?? []).map((render) => (render as SlotRenderer<S>)(context)));
    return { html: outputs.map((o) => o.html).join('\n'), structuredData: Object.assign({}, ...outputs.map((o) => o.structuredData ?? {})) };
  }
}
