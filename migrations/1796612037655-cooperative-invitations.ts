import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joining a cooperative needs the seller owner's consent: a cooperative invites, the owner
 * accepts or declines. At most one pending invitation per cooperative and seller.
 */
export class CooperativeInvitations1796612037655 implements MigrationInterface {
  name = 'CooperativeInvitations1796612037655';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cooperative_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        seller_id uuid NOT NULL REFERENCES sellers(id) ON DELETE CASCADE,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX cooperative_invitations_one_pending ON cooperative_invitations (cooperative_id, seller_id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX cooperative_invitations_seller_pending ON cooperative_invitations (seller_id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX cooperative_invitations_cooperative ON cooperative_invitations (cooperative_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cooperative_invitations`);
  }
}
