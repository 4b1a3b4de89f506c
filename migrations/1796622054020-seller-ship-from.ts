import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellers: where parcels leave from (`ship_from`: line1, district, city, postalCode, phone), for courier
 * rates (Biteship prices from the postal code) and bookings. No public view exposes it.
 */
export class SellerShipFrom1796622054020 implements MigrationInterface {
  name = 'SellerShipFrom1796622054020';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sellers ADD COLUMN ship_from jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sellers DROP COLUMN ship_from`);
  }
}
