import type { MigrationInterface, QueryRunner } from 'typeorm';

const REGENCIES = `'denpasar', 'badung', 'gianyar', 'tabanan', 'bangli', 'klungkung', 'karangasem', 'buleleng', 'jembrana'`;

export class Sellers1764300100000 implements MigrationInterface {
  name = 'Sellers1764300100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cooperatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 160),
        regency text NOT NULL CHECK (regency IN (${REGENCIES})),
        registration_number text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sellers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id),
        cooperative_id uuid REFERENCES cooperatives(id) ON DELETE SET NULL,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{3,60}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        regency text NOT NULL CHECK (regency IN (${REGENCIES})),
        district text,
        story jsonb,
        whatsapp text CHECK (whatsapp ~ '^\\+[1-9][0-9]{6,14}$'),
        business_form text NOT NULL DEFAULT 'informal' CHECK (business_form IN ('informal', 'individual', 'cv', 'pt', 'cooperative')),
        logo_image_id uuid,
        banner_image_id uuid,
        suspended_at timestamptz,
        suspended_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sellers_owner ON sellers (owner_id)`);
    await db.query(`CREATE INDEX sellers_cooperative ON sellers (cooperative_id)`);
    await db.query(`CREATE INDEX sellers_regency ON sellers (regency)`);
    await db.query(`
      CREATE TABLE seller_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('NIB', 'NPWP', 'SPP_IRT', 'BPOM_MD', 'BPOM_NA', 'HALAL', 'SNI', 'SVLK', 'PIRT')),
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
        issued_at date,
        expires_at date,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
        decision_reason text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_at IS NULL OR issued_at IS NULL OR expires_at >= issued_at)
      )`);
    await db.query(`CREATE INDEX seller_documents_seller ON seller_documents (seller_id)`);
    await db.query(`CREATE INDEX seller_documents_pending ON seller_documents (created_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE seller_documents, sellers, cooperatives`);
  }
}
