import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CategoriesService, imageView, type ExportListing, type ImageView } from '#libs/catalogue';

/** What decides whether a cached storefront page is still current. */
export interface StorefrontStamp {
  sellerId: string;
  suspended: boolean;
  publishedVersion: number | null;
  /** Changes when the seller's profile, any of their products or any review of them changes. */
  stamp: string;
}

export interface ExportSummary {
  moq: number | null;
  incoterms: string[];
  leadTimeDays: number | null;
  capacityPerMonth: number;
}

/**
 * Read-only queries of other contexts' public read views (sellers_public_v, catalogue_products_v,
 * catalogue_media_v, reviews_changes_v) and catalogue's category tree that rendering and
 * validation need in bulk; writes stay with their libs.
 */
@Injectable()
export class StorefrontDataRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly categories: CategoriesService,
  ) {}

  /** One indexed query per storefront request: the seller, its live version and a change stamp. */
  async stampBySlug(slug: string): Promise<StorefrontStamp | null> {
    const [row] = await this.db.query(
      `SELECT s.id, s.suspended_at IS NOT NULL AS suspended, sf.published_version,
              greatest(s.updated_at, (SELECT max(p.updated_at) FROM catalogue_products_v p WHERE p.seller_id = s.id),
                       (SELECT max(r.updated_at) FROM reviews_changes_v r WHERE r.seller_id = s.id)) AS stamp
       FROM sellers_public_v s LEFT JOIN storefronts sf ON sf.seller_id = s.id WHERE s.slug = $1`,
      [slug.toLowerCase()],
    );
    if (!row) return null;
    return { sellerId: row.id, suspended: row.suspended, publishedVersion: row.published_version, stamp: new Date(row.stamp).toISOString() };
  }

  async ownedProducts(sellerId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM catalogue_products_v WHERE seller_id = $1 AND id = ANY($2::uuid[]) AND status <> 'archived'`, [sellerId, ids]);
    return rows.map((r) => r.id);
  }

  async existingCategories(slugs: string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    const known = new Set((await this.categories.all()).map((c) => c.slug));
    return slugs.filter((slug) => known.has(slug));
  }

  /** Active product ids of the seller, newest first, optionally in one category (or its children). */
  async activeProductIds(sellerId: string, limit: number, category?: string): Promise<string[]> {
    const slugs = category == null ? null : [category, ...(await this.categories.children(category)).map((c) => c.slug)];
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT p.id FROM catalogue_products_v p
       WHERE p.seller_id = $1 AND p.status = 'active' AND ($2::text[] IS NULL OR p.category_slug = ANY($2::text[]))
       ORDER BY p.created_at DESC, p.id LIMIT $3`,
      [sellerId, slugs, limit],
    );
    return rows.map((r) => r.id);
  }

  async images(sellerId: string, ids: string[]): Promise<Map<string, ImageView>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; width: number; height: number; widths: number[] }> = await this.db.query(
      `SELECT id, width, height, widths FROM catalogue_media_v WHERE seller_id = $1 AND id = ANY($2::uuid[])`,
      [sellerId, ids],
    );
    return new Map(rows.map((row) => [row.id, imageView(row)]));
  }

  /** The seller's uploads, newest first, for the editor's image pickers. */
  async uploads(sellerId: string): Promise<Array<{ id: string; name: string; url: string }>> {
    const rows: Array<{ id: string; original_name: string; width: number; height: number; widths: number[] }> = await this.db.query(
      `SELECT id, original_name, width, height, widths FROM catalogue_media_v WHERE seller_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [sellerId],
    );
    return rows.map((row) => ({ id: row.id, name: row.original_name, url: imageView(row).url }));
  }

  /** Export terms across the seller's active products that carry an export listing. */
  async exportSummary(sellerId: string): Promise<ExportSummary | null> {
    const rows: Array<{ export: ExportListing }> = await this.db.query(`SELECT export FROM catalogue_products_v WHERE seller_id = $1 AND status = 'active' AND export IS NOT NULL`, [sellerId]);
    if (rows.length === 0) return null;
    const listings = rows.map((r) => r.export);
    return {
      moq: Math.min(...listings.map((l) => l.moq)),
      incoterms: [...new Set(listings.flatMap((l) => l.incoterms ?? []))].sort(),
      leadTimeDays: Math.min(...listings.map((l) => l.leadTimeDays)),
      capacityPerMonth: listings.reduce((sum, l) => sum + (l.capacityPerMonth ?? 0), 0),
    };
  }

  /** The seller's products for the editor's pickers (any status but archived). */
  async productChoices(sellerId: string): Promise<Array<{ id: string; title: { id: string; en?: string }; status: string }>> {
    return this.db.query(`SELECT id, title, status FROM catalogue_products_v WHERE seller_id = $1 AND status <> 'archived' ORDER BY created_at DESC LIMIT 500`, [sellerId]);
  }

  /** Categories for the editor's category picker, parents before their children. */
  async categoryChoices(): Promise<Array<{ slug: string; name: { id: string; en?: string } }>> {
    const all = await this.categories.all();
    const bySlug = new Map(all.map((c) => [c.slug, c]));
    // Each parent's position first, the parent itself before its children.
    const group = (c: (typeof all)[number]) => (c.parentSlug ? bySlug.get(c.parentSlug)?.position : undefined) ?? c.position;
    return [...all].sort((a, b) => group(a) - group(b) || Number(a.parentSlug !== null) - Number(b.parentSlug !== null) || a.position - b.position).map((c) => ({ slug: c.slug, name: c.name }));
  }
}
