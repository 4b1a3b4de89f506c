import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [slug, parent, name id, name en, HS headings (shared/domain/hs-codes.md)] in display order. */
const CATEGORIES: Array<[string, string | null, string, string, string[]]> = [
  ['tekstil', null, 'Kain tenun dan batik', 'Woven textiles and batik', ['5208', '5209', '5007', '5809', '6214']],
  ['endek', 'tekstil', 'Tenun endek', 'Endek ikat weaving', ['5208', '5209', '5007']],
  ['songket', 'tekstil', 'Songket', 'Songket (metal-thread brocade)', ['5809', '5007']],
  ['gringsing', 'tekstil', 'Gringsing (ikat ganda Tenganan)', 'Gringsing double ikat (Tenganan)', ['5208', '5209']],
  ['batik', 'tekstil', 'Batik', 'Batik', ['5208', '5209']],
  ['ukiran', null, 'Ukiran kayu dan batu', 'Wood and stone carving', ['4420', '4419', '4414', '6802']],
  ['ukiran-kayu', 'ukiran', 'Ukiran kayu', 'Wood carving', ['4420', '4419', '4414']],
  ['ukiran-batu', 'ukiran', 'Ukiran batu padas', 'Stone carving', ['6802']],
  ['perhiasan-perak', null, 'Perhiasan perak', 'Silver jewellery', ['7113', '7117']],
  ['anyaman', null, 'Anyaman', 'Basketry', ['4602', '4601', '9403']],
  ['anyaman-bambu', 'anyaman', 'Anyaman bambu', 'Bamboo basketry', ['4602', '9403']],
  ['anyaman-rotan', 'anyaman', 'Anyaman rotan', 'Rattan basketry', ['4602', '4601', '9403']],
  ['keramik', null, 'Keramik dan gerabah', 'Ceramics and pottery', ['6912', '6911', '6913']],
  ['lukisan', null, 'Lukisan', 'Paintings', ['9701']],
  ['kopi', null, 'Kopi', 'Coffee', ['0901', '2101']],
  ['kakao-cokelat', null, 'Kakao dan cokelat', 'Cocoa and chocolate', ['1801', '1803', '1804', '1805', '1806']],
  ['garam-laut', null, 'Garam laut', 'Sea salt', ['2501']],
  ['minyak-kelapa-atsiri', null, 'Minyak kelapa dan minyak atsiri', 'Coconut and essential oils', ['1513', '3301']],
  ['sabun-spa', null, 'Sabun dan spa', 'Soap and spa', ['3401', '3304', '3307']],
  ['vanili-rempah', null, 'Vanili dan rempah', 'Vanilla and spices', ['0905', '0904', '0906', '0907', '0908', '0910']],
  ['fesyen', null, 'Fesyen', 'Fashion', ['6214', '6204', '6206', '4202']],
];

export class Catalogue1764300200000 implements MigrationInterface {
  name = 'Catalogue1764300200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE categories (
        slug text PRIMARY KEY,
        parent_slug text REFERENCES categories(slug),
        name jsonb NOT NULL,
        hs_headings text[] NOT NULL DEFAULT '{}',
        position int NOT NULL DEFAULT 0
      )`);
    for (const [position, [slug, parent, id, en, headings]] of CATEGORIES.entries()) {
      await db.query(`INSERT INTO categories (slug, parent_slug, name, hs_headings, position) VALUES ($1, $2, $3, $4, $5)`, [
        slug,
        parent,
        JSON.stringify({ id, en }),
        headings,
        position,
      ]);
    }
    await db.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id),
        handle text,
        title jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{"id": ""}',
        category_slug text NOT NULL REFERENCES categories(slug),
        price_amount bigint NOT NULL CHECK (price_amount >= 0),
        price_currency text NOT NULL DEFAULT 'IDR' CHECK (price_currency = 'IDR'),
        stock int NOT NULL DEFAULT 0 CHECK (stock >= 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
        materials text[] NOT NULL DEFAULT '{}',
        technique text,
        origin_village text,
        weight_grams int CHECK (weight_grams >= 0),
        dimensions jsonb,
        hs_code text CHECK (hs_code ~ '^[0-9]{4,10}$'),
        export jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX products_seller ON products (seller_id, status, created_at DESC)`);
    await db.query(`CREATE INDEX products_newest ON products (created_at DESC) WHERE status = 'active'`);
    // CSV imports upsert by handle within one seller.
    await db.query(`CREATE UNIQUE INDEX products_seller_handle ON products (seller_id, handle) WHERE handle IS NOT NULL`);
    await db.query(`
      CREATE TABLE product_variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        sku text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        price_amount bigint CHECK (price_amount >= 0),
        stock int NOT NULL DEFAULT 0 CHECK (stock >= 0),
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, sku)
      )`);
    await db.query(`
      CREATE TABLE stock_ledger (
        id bigserial PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        variant_id uuid REFERENCES product_variants(id) ON DELETE SET NULL,
        delta int NOT NULL,
        reason text NOT NULL CHECK (reason IN ('adjustment', 'reservation', 'release', 'sale', 'import')),
        reference_id text,
        actor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX stock_ledger_product ON stock_ledger (product_id, created_at)`);
    await db.query(`
      CREATE TABLE media (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id),
        original_name text NOT NULL,
        content_type text NOT NULL,
        bytes int NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        widths int[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX media_seller ON media (seller_id)`);
    await db.query(`
      CREATE TABLE product_images (
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        media_id uuid NOT NULL REFERENCES media(id),
        position int NOT NULL,
        PRIMARY KEY (product_id, media_id)
      )`);
    await db.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id),
        actor_id uuid,
        file_name text NOT NULL,
        source text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        total int NOT NULL DEFAULT 0,
        processed int NOT NULL DEFAULT 0,
        created int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE imports, product_images, media, stock_ledger, product_variants, products, categories`);
  }
}
