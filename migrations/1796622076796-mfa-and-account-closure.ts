import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity, two-factor sign-in and account closure (UU PDP):
 * - `user_mfa`: one TOTP credential per user, its secret encrypted with a key derived from APP_SECRET;
 *   `enabled_at` null while enrolment waits for its first code; `last_step` the last accepted time
 *   step, so a code is never accepted twice.
 * - `user_mfa_recovery_codes`: ten single-use codes per enrolment, stored hashed.
 * - `auth_mfa_challenges`: the second step of a sign-in (password right, code still due): a
 *   short-lived single-use token, stored hashed, burnt after a few wrong codes.
 * - `users.closed_at`: the account was closed by its owner and its personal data erased.
 */
export class MfaAndAccountClosure1796622076796 implements MigrationInterface {
  name = 'MfaAndAccountClosure1796622076796';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_mfa (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret text NOT NULL,
        enabled_at timestamptz,
        last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE user_mfa_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, code_hash)
      )`);
    await db.query(`
      CREATE TABLE auth_mfa_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('api', 'session')),
        failures int NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX auth_mfa_challenges_expiry ON auth_mfa_challenges (expires_at)`);
    await db.query(`ALTER TABLE users ADD COLUMN closed_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN closed_at`);
    await db.query(`DROP TABLE auth_mfa_challenges, user_mfa_recovery_codes, user_mfa`);
  }
}
