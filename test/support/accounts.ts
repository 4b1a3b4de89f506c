import { createHash, randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';

/**
 * Verifies a user's email through the real endpoint, without a mail server: a token like the
 * mailed ones (only its SHA-256 stored, as identity does) is written for the user's address, then
 * `POST /api/v1/auth/verify-email` uses it. For tests about something else that needs a verified
 * account (payouts); test/accounts-email-verification reads the real mail.
 */
export async function verifyEmail(t: TestApp, userId: string): Promise<void> {
  const token = `pke_${randomBytes(32).toString('base64url')}`;
  await t.db.query(
    `INSERT INTO auth_email_tokens (user_id, purpose, token_hash, email, expires_at)
     SELECT id, 'email_verification', $2, email, now() + interval '1 hour' FROM users WHERE id = $1`,
    [userId, createHash('sha256').update(token).digest('hex')],
  );
  const response = await t.http().post('/api/v1/auth/verify-email').send({ token });
  if (response.status !== 204) throw new Error(`verify-email failed: ${response.status} ${response.text}`);
}
