import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Scheduled } from '#libs/platform';
import { DataSource } from 'typeorm';
import { hashToken } from '../token.service.js';

export type EmailTokenPurpose = 'password_reset' | 'email_verification';

/** How long a mailed link works: a reset 30 minutes (API.md), a verification a day. */
export const EMAIL_TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = { password_reset: 30 * 60_000, email_verification: 24 * 3_600_000 };

const TOKEN = /^pke_[A-Za-z0-9_-]{43}$/;

/**
 * Single-use tokens mailed in links (`auth_email_tokens`): 256 random bits, only their SHA-256
 * kept, with the address they went to. A new one replaces the user's earlier unused ones, so only
 * the latest link works.
 */
@Injectable()
export class EmailTokens {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async issue(userId: string, email: string, purpose: EmailTokenPurpose): Promise<string> {
    const token = `pke_${randomBytes(32).toString('base64url')}`;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM auth_email_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
      await manager.query(`INSERT INTO auth_email_tokens (user_id, purpose, token_hash, email, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`, [
        userId,
        purpose,
        hashToken(token),
        email,
        EMAIL_TOKEN_LIFETIME_MS[purpose] / 1000,
      ]);
    });
    return token;
  }

  /** Uses the token up in one statement (two tabs cannot both use it): its user and address, or null when unknown, used or expired. */
  async consume(purpose: EmailTokenPurpose, token: string): Promise<{ userId: string; email: string } | null> {
    if (typeof token !== 'string' || !TOKEN.test(token)) return null;
    const [rows]: [Array<{ user_id: string; email: string }>] = await this.dataSource.query(
      `UPDATE auth_email_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() RETURNING user_id, email`,
      [hashToken(token), purpose],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, email: row.email } : null;
  }

  /** Used and expired tokens are of no use to anyone after a day. */
  @Scheduled(60 * 60_000)
  async deleteExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(`DELETE FROM auth_email_tokens WHERE expires_at < now() - interval '1 day'`);
    return count;
  }
}
