import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        regency text,
        cooperative_id uuid,
        locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE auth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('api', 'session')),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX auth_tokens_user ON auth_tokens (user_id)`);
    await db.query(`
      CREATE TABLE auth_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL DEFAULT 8,
        run_at timestamptz NOT NULL DEFAULT now(),
        locked_at timestamptz,
        dedupe_key text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX jobs_ready ON jobs (status, run_at)`);
    await db.query(`CREATE UNIQUE INDEX jobs_dedupe_queued ON jobs (dedupe_key) WHERE status = 'queued'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE jobs, auth_throttle, auth_tokens, users`);
  }
}
