import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carts, orders with their event history, payments, Stripe event de-duplication, the
 * shipping rate table and in-app notifications. Product and seller ids are kept without
 * foreign keys: an order is a historical record that must outlive what it refers to.
 * Shipping rates are seeded per zone: a first-kilogram price plus a price per further
 * kilogram, in IDR minor units (Rp 18.000 = 1800000), from Bali.
 */
const RATES: Array<[zone: string, kind: 'domestic' | 'international', idrFirstKg: number, idrPerKg: number]> = [
  ['bali', 'domestic', 12_000, 8_000],
  ['java', 'domestic', 20_000, 15_000],
  ['nusa-tenggara', 'domestic', 28_000, 20_000],
  ['sumatra', 'domestic', 35_000, 28_000],
  ['kalimantan', 'domestic', 38_000, 30_000],
  ['sulawesi', 'domestic', 40_000, 32_000],
  ['maluku-papua', 'domestic', 60_000, 48_000],
  ['asean', 'international', 250_000, 120_000],
  ['asia-pacific', 'international', 380_000, 170_000],
  ['europe', 'international', 520_000, 240_000],
  ['americas', 'international', 560_000, 260_000],
  ['rest', 'international', 650_000, 300_000],
];

export class Commerce1764300500000 implements MigrationInterface {
  name = 'Commerce1764300500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE carts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE cart_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cart_id uuid NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        variant_id uuid,
        quantity int NOT NULL CHECK (quantity > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX cart_items_line ON cart_items (cart_id, product_id, variant_id) NULLS NOT DISTINCT`);

    await db.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES users(id),
        method text NOT NULL CHECK (method IN ('bank_transfer', 'stripe')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'expired', 'refunded')),
        amount bigint NOT NULL CHECK (amount >= 0),
        currency text NOT NULL DEFAULT 'IDR',
        reference text NOT NULL UNIQUE,
        stripe_session_id text UNIQUE,
        stripe_payment_intent_id text UNIQUE,
        checkout_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES users(id),
        seller_id uuid NOT NULL,
        payment_id uuid REFERENCES payments(id),
        status text NOT NULL CHECK (status IN ('pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
        subtotal_amount bigint NOT NULL CHECK (subtotal_amount >= 0),
        shipping_amount bigint NOT NULL CHECK (shipping_amount >= 0),
        total_amount bigint NOT NULL CHECK (total_amount >= 0),
        currency text NOT NULL DEFAULT 'IDR',
        shipping_address jsonb NOT NULL,
        shipping_zone text,
        payment_method text NOT NULL,
        tracking_number text,
        source text NOT NULL DEFAULT 'cart',
        source_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX orders_buyer ON orders (buyer_id, created_at DESC)`);
    await db.query(`CREATE INDEX orders_seller ON orders (seller_id, status, created_at DESC)`);
    await db.query(`CREATE INDEX orders_payment ON orders (payment_id)`);
    await db.query(`CREATE INDEX orders_unpaid ON orders (created_at) WHERE status = 'pending_payment'`);
    await db.query(`
      CREATE TABLE order_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        variant_id uuid,
        title jsonb NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_amount bigint NOT NULL CHECK (unit_price_amount >= 0),
        weight_grams int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_lines_order ON order_lines (order_id)`);
    await db.query(`
      CREATE TABLE order_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        status text NOT NULL,
        actor_id uuid,
        actor_role text NOT NULL,
        reason text,
        -- clock time, so two moves in one transaction keep their order
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX order_events_order ON order_events (order_id, at)`);
    await db.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE shipping_rates (
        zone text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('domestic', 'international')),
        first_kg_amount bigint NOT NULL CHECK (first_kg_amount >= 0),
        per_kg_amount bigint NOT NULL CHECK (per_kg_amount >= 0),
        currency text NOT NULL DEFAULT 'IDR',
        updated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [zone, kind, firstKg, perKg] of RATES) {
      await db.query(`INSERT INTO shipping_rates (zone, kind, first_kg_amount, per_kg_amount) VALUES ($1, $2, $3, $4)`, [zone, kind, firstKg * 100, perKg * 100]);
    }
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications, shipping_rates, stripe_events, order_events, order_lines, orders, payments, cart_items, carts`);
  }
}
