import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stripTags, type Text } from '#libs/platform';
import { CategoriesService, mediaUrl } from '#libs/catalogue';
import { ExportReadinessService } from '#libs/export';
import { DataSource } from 'typeorm';
import type { ProductDocument } from './product-document.js';

interface Row {
  id: string;
  seller_id: string;
  seller_name: string;
  seller_slug: string;
  regency: string;
  title: Text;
  description: Text;
  category_slug: string;
  price: string;
  materials: string[];
  technique: string | null;
  origin_village: string | null;
  hs_code: string | null;
  created_at: Date;
  version: string;
  reputation: number;
  certifications: string[];
  skus: string[];
  media_id: string | null;
  widths: number[] | null;
}

/** Only these products are in the index: active, of a seller that is not suspended. */
const SEARCHABLE = `p.status = 'active' AND s.suspended_at IS NULL`;

/**
 * Everything a document depends on; its latest change is the document's version. Read from the
 * owners' public views (catalogue, sellers, reviews: plain projections PostgreSQL inlines), so a
 * batch stays one set-based query.
 */
const SOURCES = `
  FROM catalogue_products_v p
  JOIN sellers_public_v s ON s.id = p.seller_id
  LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT d.type) FILTER (WHERE d.status = 'approved'), '{}') AS types, max(d.updated_at) AS updated_at
    FROM sellers_documents_v d WHERE d.seller_id = s.id) docs ON true
  LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(v.sku ORDER BY v.position), '{}') AS skus, min(v.price_amount) AS min_price, max(v.updated_at) AS updated_at
    FROM catalogue_product_variants_v v WHERE v.product_id = p.id) variants ON true
  LEFT JOIN reviews_seller_scores_v rep ON rep.seller_id = s.id`;

const VERSION = `floor(extract(epoch FROM greatest(p.updated_at, s.updated_at, docs.updated_at, variants.updated_at, rep.updated_at)) * 1000)::bigint::text`;

/** Longer descriptions add little to ranking and slow indexing. */
const DESCRIPTION_CHARS = 2000;
const IMAGE_WIDTH = 480;

/** Builds search documents from the database: one query for a whole batch of products. */
@Injectable()
export class ProductDocuments {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exportReadiness: ExportReadinessService,
    private readonly categories: CategoriesService,
  ) {}

  /** Documents of those of `ids` that belong in the index; the others should be deleted from it. */
  async load(ids: string[]): Promise<ProductDocument[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await this.dataSource.query(
      `SELECT p.id, p.seller_id, s.name AS seller_name, s.slug AS seller_slug, s.regency, p.title, p.description, p.category_slug,
              least(p.price_amount, variants.min_price)::text AS price, p.materials, p.technique, p.origin_village,
              p.hs_code, p.created_at, ${VERSION} AS version, coalesce(rep.score, 0) AS reputation, docs.types AS certifications, variants.skus,
              image.media_id, image.widths
       ${SOURCES}
       LEFT JOIN LATERAL (
         SELECT pi.media_id, pi.widths FROM catalogue_product_images_v pi
         WHERE pi.product_id = p.id ORDER BY pi.position LIMIT 1) image ON true
       WHERE p.id = ANY($1::uuid[]) AND ${SEARCHABLE}`,
      [ids],
    );
    const categories = await this.categoryChains();
    // The export lib owns the export-ready rule (seller readiness, product data, documents).
    const exportReady = await this.exportReadiness.productExportReadiness(rows.map((row) => row.id));
    return rows.map((row) => toDocument(row, categories, exportReady.get(row.id) ?? false));
  }

  /** Ids of searchable products after `afterId` (key order), for full rebuilds. */
  async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM catalogue_products_v p JOIN sellers_public_v s ON s.id = p.seller_id
       WHERE ${SEARCHABLE} AND ($1::uuid IS NULL OR p.id > $1::uuid) ORDER BY p.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  async count(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM catalogue_products_v p JOIN sellers_public_v s ON s.id = p.seller_id WHERE ${SEARCHABLE}`);
    return count;
  }

  /** id → version (epoch ms) of every searchable product, for reconcile. */
  async versions(): Promise<Map<string, number>> {
    const rows: Array<{ id: string; version: string }> = await this.dataSource.query(`SELECT p.id, ${VERSION} AS version ${SOURCES} WHERE ${SEARCHABLE}`);
    return new Map(rows.map((row) => [row.id, Number(row.version)]));
  }

  /** Every product of a seller, searchable or not (a suspension removes them all). */
  async idsOfSeller(sellerId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM catalogue_products_v WHERE seller_id = $1`, [sellerId]);
    return rows.map((row) => row.id);
  }

  /** slug → [slug, parent, grandparent…] and their names; the tree is small (catalogue caches it). */
  private async categoryChains(): Promise<Map<string, { slugs: string[]; names: string[] }>> {
    const rows = (await this.categories.all()).map((c) => ({ slug: c.slug, parent_slug: c.parentSlug, name: c.name }));
    const bySlug = new Map(rows.map((row) => [row.slug, row]));
    const chains = new Map<string, { slugs: string[]; names: string[] }>();
    for (const row of rows) {
      const slugs: string[] = [];
      const names: string[] = [];
      for (let at: typeof row | undefined = row; at && !slugs.includes(at.slug); at = at.parent_slug ? bySlug.get(at.parent_slug) : undefined) {
        slugs.push(at.slug);
        names.push(at.name.id, ...(at.name.en ? [at.name.en] : []));
      }
      chains.set(row.slug, { slugs, names });
    }
    return chains;
  }
}

function toDocument(row: Row, categories: Map<string, { slugs: string[]; names: string[] }>, exportReady: boolean): ProductDocument {
  const chain = categories.get(row.category_slug) ?? { slugs: [row.category_slug], names: [] };
  const titleEn = row.title.en?.trim() || null;
  const descriptionEn = row.description.en ? stripTags(row.description.en).slice(0, DESCRIPTION_CHARS) : null;
  const width = row.widths?.length ? (row.widths.find((w) => w >= IMAGE_WIDTH) ?? row.widths[row.widths.length - 1]!) : null;
  return {
    id: row.id,
    sellerId: row.seller_id,
    sellerName: row.seller_name,
    sellerSlug: row.seller_slug,
    regency: row.regency,
    titleId: row.title.id,
    titleEn,
    descriptionId: stripTags(row.description.id ?? '').slice(0, DESCRIPTION_CHARS),
    descriptionEn,
    categories: chain.slugs,
    categoryNames: chain.names,
    materials: [...new Set(row.materials.map((m) => m.trim().toLowerCase()).filter(Boolean))],
    technique: row.technique,
    originVillage: row.origin_village,
    certifications: [...row.certifications].sort(),
    exportReady,
    price: Number(row.price),
    status: 'active',
    skus: row.skus,
    hsCode: row.hs_code,
    image: row.media_id && width ? mediaUrl(row.media_id, width) : null,
    createdAt: row.created_at.getTime(),
    reputation: row.reputation,
    version: Number(row.version),
  };
}
