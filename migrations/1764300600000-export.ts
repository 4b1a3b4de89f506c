import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Export: one profile per seller (what the platform cannot infer: experience, markets,
 * capacity, plans), RFQs from buyers to a seller (optionally about one product) and the
 * seller's quotes. `first_response_at` on an RFQ feeds the readiness "responsiveness" item.
 * `order_id` is not a foreign key: orders belong to commerce, which may be deployed later.
 */
export class Export1764300600000 implements MigrationInterface {
  name = 'Export1764300600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE export_profiles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL UNIQUE REFERENCES sellers(id),
        export_experience text NOT NULL DEFAULT 'none' CHECK (export_experience IN ('none', 'indirect', 'direct')),
        target_markets text[] NOT NULL DEFAULT '{}',
        production_capacity_per_month int CHECK (production_capacity_per_month >= 0),
        has_export_plan boolean NOT NULL DEFAULT false,
        export_staff int NOT NULL DEFAULT 0 CHECK (export_staff >= 0),
        payment_terms text[] NOT NULL DEFAULT '{}',
        port_of_loading text,
        sample_policy text CHECK (sample_policy IN ('none', 'free', 'paid')),
        private_label boolean NOT NULL DEFAULT false,
        oem boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE rfqs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES users(id),
        seller_id uuid NOT NULL REFERENCES sellers(id),
        product_id uuid REFERENCES products(id),
        quantity int NOT NULL CHECK (quantity > 0),
        destination_country text NOT NULL CHECK (destination_country ~ '^[A-Z]{2}$'),
        incoterm text NOT NULL,
        message text NOT NULL,
        target_unit_price_amount bigint CHECK (target_unit_price_amount >= 0),
        target_unit_price_currency text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'quoted', 'accepted', 'closed')),
        first_response_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX rfqs_buyer ON rfqs (buyer_id, created_at DESC)`);
    await db.query(`CREATE INDEX rfqs_seller ON rfqs (seller_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rfq_id uuid NOT NULL REFERENCES rfqs(id),
        author_id uuid NOT NULL REFERENCES users(id),
        product_id uuid REFERENCES products(id),
        unit_price_amount bigint NOT NULL CHECK (unit_price_amount >= 0),
        unit_price_currency text NOT NULL DEFAULT 'IDR',
        lead_time_days int NOT NULL CHECK (lead_time_days >= 0),
        valid_until date NOT NULL,
        incoterm text NOT NULL,
        notes text,
        status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'superseded')),
        order_id uuid,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX quotes_rfq ON quotes (rfq_id, created_at)`);
    // One accepted quote per RFQ, whatever the concurrency.
    await db.query(`CREATE UNIQUE INDEX quotes_one_accepted ON quotes (rfq_id) WHERE status = 'accepted'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE quotes`);
    await db.query(`DROP TABLE rfqs`);
    await db.query(`DROP TABLE export_profiles`);
  }
}
