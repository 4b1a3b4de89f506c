import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each lib owns its tables: another lib reads them only through the owner's exported services
 * or through these views, the owners' public read models (each listed in the owner's
 * `libs/<lib>/src/<lib>.tables.ts`; the name starts with the owner). They are plain projections
 * (one join at most), so PostgreSQL inlines them and the readers' plans are those of the tables:
 * the search document build, dashboards and reports stay one set-based query.
 * An owner that changes a column a view exposes replaces the view in the same migration.
 */
const VIEWS: Array<[name: string, sql: string]> = [
  // sellers: every seller (suspended ones too: `suspended_at` set means hidden from the public).
  ['sellers_public_v', `SELECT id, owner_id, cooperative_id, slug, name, regency, district, business_form, suspended_at, created_at, updated_at FROM sellers`],
  ['sellers_documents_v', `SELECT id, seller_id, type, number, status, issued_at, expires_at, decided_at, created_at, updated_at FROM seller_documents`],
  ['sellers_cooperatives_v', `SELECT id, name, regency FROM cooperatives`],
  // catalogue
  [
    'catalogue_products_v',
    `SELECT id, seller_id, status, title, description, category_slug, price_amount, stock, materials, technique, origin_village,
            weight_grams, hs_code, export, created_at, updated_at
     FROM products`,
  ],
  ['catalogue_product_variants_v', `SELECT id, product_id, sku, position, price_amount, stock, updated_at FROM product_variants`],
  ['catalogue_product_images_v', `SELECT pi.product_id, pi.media_id, pi.position, m.width, m.height, m.widths FROM product_images pi JOIN media m ON m.id = pi.media_id`],
  ['catalogue_media_v', `SELECT id, seller_id, uploaded_by, original_name, width, height, widths, created_at FROM media`],
  // storefronts: read by sellers (a lib below it) to link a seller's name to its storefront.
  ['storefronts_published_v', `SELECT seller_id, published_version FROM storefronts WHERE published_version IS NOT NULL`],
  // commerce: for reports (no personal data but the destination country).
  ['commerce_orders_v', `SELECT id, buyer_id, seller_id, status, total_amount, currency, shipping_address->>'country' AS shipping_country, created_at, updated_at FROM orders`],
  ['commerce_order_lines_v', `SELECT id, order_id, product_id, variant_id, title, quantity, unit_price_amount FROM order_lines`],
  ['commerce_order_events_v', `SELECT order_id, status, actor_role, at FROM order_events`],
  // export
  [
    'export_rfqs_v',
    `SELECT r.id, r.seller_id, r.status, r.created_at, r.first_response_at,
            (SELECT min(q.created_at) FROM quotes q WHERE q.rfq_id = r.id) AS first_quote_at
     FROM rfqs r`,
  ],
  // reviews: search ranks by the score; a storefront's change stamp follows its reviews.
  ['reviews_seller_scores_v', `SELECT seller_id, score, updated_at FROM seller_reputation_scores`],
  ['reviews_changes_v', `SELECT seller_id, product_id, updated_at FROM reviews`],
];

export class PublicReadViews1796613557015 implements MigrationInterface {
  name = 'PublicReadViews1796613557015';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, sql] of VIEWS) await db.query(`CREATE VIEW ${name} AS ${sql}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name] of [...VIEWS].reverse()) await db.query(`DROP VIEW ${name}`);
  }
}
