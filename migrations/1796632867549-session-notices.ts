import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions resolved from memory (issue 23: a signed-in page without a query): every web process keeps
 * the live tokens it has seen, and these triggers on identity's own tables send `pg_notify('pk_session')`
 * in the transaction of any change that could end a session or change who it is (a revocation, an
 * expiry moved, a user's roles, name, verification or closure), so each process forgets them at
 * commit. Statement-level: one notice per statement, however many rows. A token's last use and
 * browser (written once a minute) change nothing a request relies on, so they send none.
 */
export class SessionNotices1796632867549 implements MigrationInterface {
  name = 'SessionNotices1796632867549';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION identity_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('pk_session', '');
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER auth_tokens_sessions_changed AFTER UPDATE OF user_id, token_hash, revoked_at, expires_at OR DELETE ON auth_tokens FOR EACH STATEMENT EXECUTE FUNCTION identity_sessions_changed()`,
    );
    await db.query(`CREATE TRIGGER users_sessions_changed AFTER UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION identity_sessions_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_sessions_changed ON users`);
    await db.query(`DROP TRIGGER auth_tokens_sessions_changed ON auth_tokens`);
    await db.query(`DROP FUNCTION identity_sessions_changed()`);
  }
}
