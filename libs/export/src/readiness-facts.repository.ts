import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExportProfile } from './export-profile.entity.js';
import { productFamily, type ProductFamily } from './product-families.js';
import { RESPONSE_HOURS, type ProfileFacts, type SellerFacts } from './readiness-model.js';

/** A jsonb array's length, or 0 when the value is not an array (jsonb_array_length would fail). */
const arrayLength = (path: string) => `coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(${path}) = 'array' THEN ${path} END), 0)`;
const MOQ = `CASE WHEN jsonb_typeof(p.export->'moq') = 'number' THEN (p.export->>'moq')::numeric END`;

interface ProductRow {
  seller_id: string;
  active: number;
  english: number;
  with_image: number;
  with_hs: number;
  with_weight: number;
  with_moq: number;
  with_tiers: number;
  with_incoterm: number;
  max_moq: string | null;
}

/**
 * Gathers what the platform knows about sellers for the readiness model, in one query
 * per source for a whole batch. Reads other contexts' public read views (sellers_documents_v,
 * catalogue_products_v, catalogue_product_images_v, commerce_orders_v) and export's own tables.
 */
@Injectable()
export class ReadinessFacts {
  private ordersTable: boolean | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(sellerIds: string[]): Promise<Map<string, SellerFacts>> {
    const facts = new Map<string, SellerFacts>();
    if (sellerIds.length === 0) return facts;
    const [documents, profiles, products, families, orders, rfqs, accepted] = await Promise.all([
      this.dataSource.query(
        `SELECT seller_id, array_agg(DISTINCT type) AS types FROM sellers_documents_v
         WHERE seller_id = ANY($1::uuid[]) AND status = 'approved' AND (expires_at IS NULL OR expires_at >= current_date)
         GROUP BY seller_id`,
        [sellerIds],
      ) as Promise<Array<{ seller_id: string; types: string[] }>>,
      this.dataSource.getRepository(ExportProfile).createQueryBuilder('p').where('p.sellerId = ANY(:ids)', { ids: sellerIds }).getMany(),
      this.dataSource.query(
        `SELECT p.seller_id, count(*)::int AS active,
           count(*) FILTER (WHERE coalesce(p.title->>'en', '') <> '' AND coalesce(p.description->>'en', '') <> '')::int AS english,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM catalogue_product_images_v pi WHERE pi.product_id = p.id))::int AS with_image,
           count(*) FILTER (WHERE p.hs_code IS NOT NULL)::int AS with_hs,
           count(*) FILTER (WHERE p.weight_grams > 0)::int AS with_weight,
           count(*) FILTER (WHERE ${MOQ} > 0)::int AS with_moq,
           count(*) FILTER (WHERE ${arrayLength(`p.export->'priceTiers'`)} >= 2)::int AS with_tiers,
           count(*) FILTER (WHERE ${arrayLength(`p.export->'incoterms'`)} > 0)::int AS with_incoterm,
           max(${MOQ})::text AS max_moq
         FROM catalogue_products_v p WHERE p.seller_id = ANY($1::uuid[]) AND p.status = 'active' GROUP BY p.seller_id`,
        [sellerIds],
      ) as Promise<ProductRow[]>,
      this.dataSource.query(`SELECT DISTINCT seller_id, hs_code, category_slug FROM catalogue_products_v WHERE seller_id = ANY($1::uuid[]) AND status = 'active'`, [sellerIds]) as Promise<
        Array<{ seller_id: string; hs_code: string | null; category_slug: string }>
      >,
      this.orders(sellerIds),
      this.dataSource.query(
        `SELECT seller_id, count(*)::int AS received,
           count(*) FILTER (WHERE first_response_at IS NULL AND status = 'open' AND created_at < now() - make_interval(hours => $2))::int AS overdue,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at) / 3600)
             FILTER (WHERE first_response_at IS NOT NULL) AS median_hours
         FROM rfqs WHERE seller_id = ANY($1::uuid[]) GROUP BY seller_id`,
        [sellerIds, RESPONSE_HOURS],
      ) as Promise<Array<{ seller_id: string; received: number; overdue: number; median_hours: number | null }>>,
      this.dataSource.query(
        `SELECT r.seller_id, count(*)::int AS accepted FROM quotes q JOIN rfqs r ON r.id = q.rfq_id
         WHERE r.seller_id = ANY($1::uuid[]) AND q.status = 'accepted' GROUP BY r.seller_id`,
        [sellerIds],
      ) as Promise<Array<{ seller_id: string; accepted: number }>>,
    ]);
    const docsBy = new Map(documents.map((row) => [row.seller_id, row.types]));
    const profileBy = new Map(profiles.map((profile) => [profile.sellerId, profile]));
    const productsBy = new Map(products.map((row) => [row.seller_id, row]));
    const ordersBy = new Map(orders.map((row) => [row.seller_id, row]));
    const rfqsBy = new Map(rfqs.map((row) => [row.seller_id, row]));
    const acceptedBy = new Map(accepted.map((row) => [row.seller_id, row.accepted]));
    const familiesBy = new Map<string, Set<ProductFamily>>();
    for (const row of families) {
      const family = productFamily(row.hs_code, row.category_slug);
      if (!family) continue;
      const set = familiesBy.get(row.seller_id) ?? new Set<ProductFamily>();
      set.add(family);
      familiesBy.set(row.seller_id, set);
    }
    for (const sellerId of sellerIds) {
      const p = productsBy.get(sellerId);
      const o = ordersBy.get(sellerId);
      const r = rfqsBy.get(sellerId);
      facts.set(sellerId, {
        documents: new Set(docsBy.get(sellerId) ?? []),
        profile: toProfileFacts(profileBy.get(sellerId)),
        products: {
          active: p?.active ?? 0,
          english: p?.english ?? 0,
          withImage: p?.with_image ?? 0,
          withHsCode: p?.with_hs ?? 0,
          withWeight: p?.with_weight ?? 0,
          withMoq: p?.with_moq ?? 0,
          withTiers: p?.with_tiers ?? 0,
          withIncoterm: p?.with_incoterm ?? 0,
          maxMoq: Number(p?.max_moq ?? 0),
        },
        families: familiesBy.get(sellerId) ?? new Set(),
        completedOrders: o?.completed ?? 0,
        exportDeals: (o?.exported ?? 0) + (acceptedBy.get(sellerId) ?? 0),
        rfqs: { received: r?.received ?? 0, overdue: r?.overdue ?? 0, medianResponseHours: r?.median_hours == null ? null : Number(r.median_hours) },
      });
    }
    return facts;
  }

  /**
   * Completed orders, and those shipped abroad. Orders belong to commerce, which a
   * deployment may lack, so the presence of its view is checked once.
   */
  private async orders(sellerIds: string[]): Promise<Array<{ seller_id: string; completed: number; exported: number }>> {
    if (this.ordersTable === undefined) {
      const [{ present }] = await this.dataSource.query(`SELECT to_regclass('commerce_orders_v') IS NOT NULL AS present`);
      this.ordersTable = present;
    }
    if (!this.ordersTable) return [];
    return this.dataSource.query(
      `SELECT seller_id, count(*) FILTER (WHERE status IN ('delivered', 'completed'))::int AS completed,
         count(*) FILTER (WHERE status IN ('delivered', 'completed') AND coalesce(shipping_country, 'ID') <> 'ID')::int AS exported
       FROM commerce_orders_v WHERE seller_id = ANY($1::uuid[]) GROUP BY seller_id`,
      [sellerIds],
    );
  }
}

function toProfileFacts(profile: ExportProfile | undefined): ProfileFacts | null {
  if (!profile) return null;
  return {
    exportExperience: profile.exportExperience,
    targetMarkets: profile.targetMarkets,
    productionCapacityPerMonth: profile.productionCapacityPerMonth,
    hasExportPlan: profile.hasExportPlan,
    exportStaff: profile.exportStaff,
    paymentTermsAccepted: profile.paymentTermsAccepted,
    portOfLoading: profile.portOfLoading,
    samplePolicy: profile.samplePolicy,
  };
}
