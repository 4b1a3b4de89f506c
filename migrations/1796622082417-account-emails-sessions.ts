import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts people can keep (issue 20, part 1): `users.email_verified_at` (null until the owner
 * follows the link mailed to that address; payouts need it), single-use email tokens for password
 * resets and email verification (only their SHA-256 is kept, with the address they were sent to,
 * so a token mailed before an email change verifies nothing), and each session's browser
 * (`auth_tokens.user_agent`, written with `last_used_at`) for the sessions list.
 * Accounts that exist already stay unverified: their owners verify from the dashboard.
 */
export class AccountEmailsSessions1796622082417 implements MigrationInterface {
  name = 'AccountEmailsSessions1796622082417';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);
    await db.query(`ALTER TABLE auth_tokens ADD COLUMN user_agent text`);
    await db.query(`
      CREATE TABLE auth_email_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
        token_hash text NOT NULL UNIQUE,
        email citext NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX auth_email_tokens_user ON auth_email_tokens (user_id, purpose)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE auth_email_tokens`);
    await db.query(`ALTER TABLE auth_tokens DROP COLUMN user_agent`);
    await db.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
