import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue: a variant's own weight and size (`dimensions` { lengthCm, widthCm, heightCm }, as products
 * have; null = the product's), for the charged weight of a parcel; products made to order
 * (`made_to_order`, `production_days`) take no ready stock and promise a ship-by date instead.
 */
export class ParcelSizesMadeToOrder1796622054038 implements MigrationInterface {
  name = 'ParcelSizesMadeToOrder1796622054038';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE product_variants ADD COLUMN weight_grams int CHECK (weight_grams >= 0), ADD COLUMN dimensions jsonb`);
    await db.query(
      `ALTER TABLE products ADD COLUMN made_to_order boolean NOT NULL DEFAULT false,
         ADD COLUMN production_days int CHECK (production_days BETWEEN 1 AND 365),
         ADD CONSTRAINT products_made_to_order_days CHECK (NOT made_to_order OR production_days IS NOT NULL)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE products DROP COLUMN made_to_order, DROP COLUMN production_days`);
    await db.query(`ALTER TABLE product_variants DROP COLUMN weight_grams, DROP COLUMN dimensions`);
  }
}
