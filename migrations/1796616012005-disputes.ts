import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputes (komplain, libs/disputes): a buyer's complaint about a shipped or delivered order, the
 * thread of what each party did, and the outcome. At most one unresolved dispute per order (a
 * partial unique index). Order, seller, user and media ids are plain uuids: this lib names no other
 * lib's table (it asks commerce, sellers and catalogue through their services).
 * `disputes_photos_v` is the public read model of the photos a dispute keeps, so the reviews lib's
 * cleanup of unused buyer uploads leaves them alone.
 */
export class Disputes1796616012005 implements MigrationInterface {
  name = 'Disputes1796616012005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE disputes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        seller_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rejected', 'offered', 'escalated', 'resolved')),
        reason text NOT NULL CHECK (reason IN ('not_received', 'damaged', 'not_as_described', 'wrong_item', 'incomplete')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        requested text NOT NULL CHECK (requested IN ('refund', 'partial_refund', 'return')),
        requested_amount bigint CHECK (requested_amount > 0),
        offered_amount bigint CHECK (offered_amount > 0),
        photo_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(photo_ids) <= 4),
        seller_due_at timestamptz NOT NULL,
        outcome text CHECK (outcome IN ('refund', 'partial_refund', 'release')),
        outcome_amount bigint CHECK (outcome_amount >= 0),
        resolved_by uuid,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'resolved') = (outcome IS NOT NULL AND resolved_at IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX disputes_one_unresolved_per_order ON disputes (order_id) WHERE status <> 'resolved'`);
    await db.query(`CREATE INDEX disputes_buyer ON disputes (buyer_id, created_at DESC)`);
    await db.query(`CREATE INDEX disputes_seller ON disputes (seller_id, created_at DESC)`);
    await db.query(`CREATE INDEX disputes_seller_due ON disputes (seller_due_at) WHERE status = 'open'`);
    await db.query(`
      CREATE TABLE dispute_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dispute_id uuid NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
        author_id uuid,
        author_role text NOT NULL CHECK (author_role IN ('buyer', 'seller', 'staff', 'system')),
        action text NOT NULL CHECK (action IN ('opened', 'accept', 'reject', 'offer', 'escalate', 'accept_offer', 'decision', 'auto_accept')),
        message text CHECK (length(message) <= 4000),
        amount bigint,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX dispute_messages_dispute ON dispute_messages (dispute_id, created_at)`);
    await db.query(`CREATE VIEW disputes_photos_v AS SELECT d.id AS dispute_id, p.media_id FROM disputes d CROSS JOIN LATERAL unnest(d.photo_ids) AS p(media_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW IF EXISTS disputes_photos_v`);
    await db.query(`DROP TABLE IF EXISTS dispute_messages`);
    await db.query(`DROP TABLE IF EXISTS disputes`);
  }
}
