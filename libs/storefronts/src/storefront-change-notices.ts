import { Injectable } from '@nestjs/common';
import { ProductChanged } from '#libs/catalogue';
import { OnEventInTransaction, publicPagesChanged } from '#libs/platform';
import { ReviewChanged } from '#libs/reviews';
import { SellerChanged } from '#libs/sellers';
import type { EntityManager } from 'typeorm';
import { StorefrontPublished } from './storefronts.events.js';

/**
 * Sends `pg_notify('pk_storefront', seller id)` inside the transaction of every change a storefront
 * page shows (a product, the seller, a review, a publish): PostgreSQL delivers it at commit, so every
 * web process's `StorefrontStamps` forgets the seller's stamp before the next request can read it,
 * and the page is fresh on the very next request. Notices with one payload in one transaction
 * arrive once, so a bulk import of one seller's products is one notice. The same changes show on the
 * stored public pages (home, product pages: PublicPages), so they are told in the same transaction.
 */
@Injectable()
export class StorefrontChangeNotices {
  @OnEventInTransaction(ProductChanged)
  async productChanged(events: Array<{ productId: string; sellerId: string; stockOnly?: boolean }>, manager: EntityManager): Promise<void> {
    if (!events.every((e) => e.stockOnly)) return this.notify(manager, events);
    // A checkout or a release moves only stock, which of the stored public pages only the product's own shows: the rest stay.
    await this.tellStorefronts(manager, events);
    for (const productId of new Set(events.map((e) => e.productId))) await publicPagesChanged(manager, `/products/${productId}`);
  }

  @OnEventInTransaction(SellerChanged)
  async sellerChanged(events: Array<{ sellerId: string }>, manager: EntityManager): Promise<void> {
    await this.notify(manager, events);
  }

  @OnEventInTransaction(ReviewChanged)
  async reviewChanged(events: Array<{ sellerId: string }>, manager: EntityManager): Promise<void> {
    await this.notify(manager, events);
  }

  @OnEventInTransaction(StorefrontPublished)
  async published(events: Array<{ sellerId: string }>, manager: EntityManager): Promise<void> {
    await this.notify(manager, events);
  }

  private async notify(manager: EntityManager, events: Array<{ sellerId: string }>): Promise<void> {
    await this.tellStorefronts(manager, events);
    await publicPagesChanged(manager);
  }

  private async tellStorefronts(manager: EntityManager, events: Array<{ sellerId: string }>): Promise<void> {
    const sellerIds = [...new Set(events.map((e) => e.sellerId))];
    await manager.query(`SELECT pg_notify('pk_storefront', id) FROM unnest($1::text[]) AS id`, [sellerIds]);
  }
}
