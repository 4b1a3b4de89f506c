import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { AuthToken } from './auth-token.entity.js';
import type { CurrentUser } from './roles.js';

const LIFETIME_DAYS = { api: 30, session: 14 } as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues, resolves and revokes opaque tokens (256 random bits, stored hashed). */
@Injectable()
export class TokenService {
  constructor(@InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>) {}

  async issue(userId: string, kind: 'api' | 'session'): Promise<string> {
    const token = `pk_${randomBytes(32).toString('base64url')}`;
    await this.tokens.insert({
      userId,
      kind,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + LIFETIME_DAYS[kind] * 86_400_000),
    });
    return token;
  }

  /**
   * The user behind a live token, in one query. Its last use and `userAgent` are written at most
   * once a minute, so busy pages do not write a row per request (the sessions list shows them).
   */
  async resolve(token: string, userAgent?: string): Promise<CurrentUser | undefined> {
    if (!/^pk_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const rows: Array<CurrentUser & { token_id: string; last_used_at: Date | null }> = await this.tokens.query(
      `SELECT u.id, u.email, u.name, u.roles, u.regency, u.cooperative_id AS "cooperativeId", u.locale,
         u.email_verified_at IS NOT NULL AS "emailVerified", t.id AS token_id, t.last_used_at
       FROM auth_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.tokens.update(row.token_id, { lastUsedAt: new Date(), ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}) });
    }
    const { token_id: _id, last_used_at: _used, ...user } = row;
    return user;
  }

  async revoke(token: string): Promise<void> {
    await this.tokens.update({ tokenHash: hashToken(token), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
