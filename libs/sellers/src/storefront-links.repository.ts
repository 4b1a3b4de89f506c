import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Where a seller's name links to: the storefront `/s/<slug>` once it is published, else the
 * profile `/sellers/<slug>`. Reads storefronts_published_v, the view storefronts (a lib above
 * this one) declares for it, so sellers and catalogue pages can link without importing it.
 */
@Injectable()
export class StorefrontLinks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The ids among `sellerIds` whose storefront has a published version (one query). */
  async published(sellerIds: readonly string[]): Promise<Set<string>> {
    if (!sellerIds.length) return new Set();
    const rows: Array<{ seller_id: string }> = await this.dataSource.query(`SELECT seller_id FROM storefronts_published_v WHERE seller_id = ANY($1)`, [[...sellerIds]]);
    return new Set(rows.map((r) => r.seller_id));
  }

  /** The link of each seller, by id. */
  async hrefs(sellers: ReadonlyArray<{ id: string; slug: string }>): Promise<Map<string, string>> {
    const published = await this.published(sellers.map((s) => s.id));
    return new Map(sellers.map((s) => [s.id, published.has(s.id) ? `/s/${s.slug}` : `/sellers/${s.slug}`]));
  }
}
