import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a published storefront page shows, and the column naming its seller (or the product whose seller it is). */
const BY_SELLER = [
  ['sellers', 'id'],
  ['storefronts', 'seller_id'],
  ['products', 'seller_id'],
  ['reviews', 'seller_id'],
] as const;
const BY_PRODUCT = ['product_variants', 'product_images'] as const;

/**
 * Every committed change to what a storefront page shows sends `pg_notify('pk_storefront',
 * seller id)`, whoever makes it (any lib, a CLI, SQL by hand), so web processes can keep a
 * page's change stamp in memory instead of asking the database on every request.
 * Notifications with the same payload in one transaction arrive once, so a bulk import of
 * one seller's products is one notice. After the tables it watches, hence its timestamp.
 */
export class StorefrontChangeNotices1764300900000 implements MigrationInterface {
  name = 'StorefrontChangeNotices1764300900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION pk_storefront_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
      BEGIN
        IF TG_ARGV[0] = 'product_id' THEN
          PERFORM pg_notify('pk_storefront', p.seller_id::text) FROM products p WHERE p.id = (changed ->> 'product_id')::uuid;
        ELSE
          PERFORM pg_notify('pk_storefront', changed ->> TG_ARGV[0]);
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, column] of [...BY_SELLER, ...BY_PRODUCT.map((table) => [table, 'product_id'] as const)]) {
      await db.query(`CREATE TRIGGER ${table}_storefront_notice AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION pk_storefront_notice('${column}')`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...BY_SELLER.map(([table]) => table), ...BY_PRODUCT]) await db.query(`DROP TRIGGER ${table}_storefront_notice ON ${table}`);
    await db.query(`DROP FUNCTION pk_storefront_notice()`);
  }
}
