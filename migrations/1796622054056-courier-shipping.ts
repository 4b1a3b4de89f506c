import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commerce, shipping by courier:
 * - `seller_shipping_rates`: a seller's own zone table, per zone and service (Reguler, Kilat, Kargo at
 *   home; EMS, Express abroad), first kilogram + each further kilogram and the days it takes. A seller
 *   without rows ships at the platform's `shipping_rates` (kept as it was: the default Reguler table
 *   at home and EMS abroad), so existing rates keep pricing every order as before.
 * - `orders`: the chosen courier and service, the charged weight, the promised ship-by date (made to
 *   order, accepted quotes), Biteship's order id and the label of a booked shipment.
 * - `order_lines.from_stock`: false for lines made to order (accepted quotes), which reserved no stock
 *   and so give none back.
 * - `order_tracking_events`: a parcel's journey (hand-entered shipping, Biteship's history),
 *   one row per (order, status, time) so a repeated callback adds nothing.
 */
export class CourierShipping1796622054056 implements MigrationInterface {
  name = 'CourierShipping1796622054056';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE seller_shipping_rates (
        seller_id uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
        zone text NOT NULL,
        service text NOT NULL CHECK (service IN ('reguler', 'kilat', 'kargo', 'ems', 'express')),
        first_kg_amount bigint NOT NULL CHECK (first_kg_amount >= 0),
        per_kg_amount bigint NOT NULL CHECK (per_kg_amount >= 0),
        currency text NOT NULL DEFAULT 'IDR',
        eta_min_days int NOT NULL CHECK (eta_min_days BETWEEN 0 AND 120),
        eta_max_days int NOT NULL CHECK (eta_max_days BETWEEN eta_min_days AND 120),
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (seller_id, zone, service)
      )`);
    await db.query(
      `ALTER TABLE orders ADD COLUMN shipping_courier text, ADD COLUMN shipping_service text,
         ADD COLUMN charged_weight_grams int CHECK (charged_weight_grams >= 0), ADD COLUMN ship_by date,
         ADD COLUMN biteship_order_id text UNIQUE, ADD COLUMN label_url text`,
    );
    await db.query(`CREATE INDEX orders_seller_ship_by ON orders (seller_id, ship_by) WHERE ship_by IS NOT NULL`);
    await db.query(`ALTER TABLE order_lines ADD COLUMN from_stock boolean NOT NULL DEFAULT true`);
    await db.query(`
      CREATE TABLE order_tracking_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        status text NOT NULL CHECK (length(status) BETWEEN 1 AND 60),
        note text,
        source text NOT NULL CHECK (source IN ('manual', 'biteship')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, status, at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE order_tracking_events`);
    await db.query(`ALTER TABLE order_lines DROP COLUMN from_stock`);
    await db.query(
      `ALTER TABLE orders DROP COLUMN shipping_courier, DROP COLUMN shipping_service, DROP COLUMN charged_weight_grams,
         DROP COLUMN ship_by, DROP COLUMN biteship_order_id, DROP COLUMN label_url`,
    );
    await db.query(`DROP TABLE seller_shipping_rates`);
  }
}
