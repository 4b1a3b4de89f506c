import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { DbNotifications, NoticedCache } from '#libs/platform';
import { AuthToken } from './auth-token.entity.js';
import type { CurrentUser } from './roles.js';

const LIFETIME_DAYS = { api: 30, session: 14 } as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A live token as a request needs it. */
interface LiveToken {
  user: CurrentUser;
  tokenId: string;
  expiresAt: number;
  /** Mutable: when its last use was last written. */
  lastUsedAt: number;
}

/** How often a token's last use (and browser) is written: the sessions list shows it to the minute. */
const LAST_USE_EVERY_MS = 60_000;

/** Issues, resolves and revokes opaque tokens (256 random bits, stored hashed). */
@Injectable()
export class TokenService implements OnApplicationBootstrap {
  /**
   * Live tokens by hash, so a signed-in page reads no table: triggers on users and auth_tokens send
   * `pk_session` in the transaction of every change that could end a session or change its user
   * (migration SessionNotices), and the cache forgets them before the next request reads it.
   */
  private readonly live: NoticedCache<LiveToken>;

  constructor(
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    notifications: DbNotifications,
  ) {
    this.live = new NoticedCache(notifications, 'pk_session', { maxEntries: 20_000 });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.live.start();
  }

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
   * The user behind a live token: from memory once seen (see `live`), else in one query. Its last use
   * and `userAgent` are written at most once a minute, so busy pages do not write a row per request.
   */
  async resolve(token: string, userAgent?: string): Promise<CurrentUser | undefined> {
    if (!/^pk_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const hash = hashToken(token);
    const live = await this.live.get(hash, () => this.read(hash));
    if (!live || live.expiresAt <= Date.now()) return undefined;
    if (Date.now() - live.lastUsedAt > LAST_USE_EVERY_MS) {
      live.lastUsedAt = Date.now();
      await this.tokens.update(live.tokenId, { lastUsedAt: new Date(), ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}) });
    }
    return { ...live.user, roles: [...live.user.roles] };
  }

  private async read(hash: string): Promise<LiveToken | undefined> {
    const rows: Array<CurrentUser & { token_id: string; last_used_at: Date | null; expires_at: Date }> = await this.tokens.query(
      `SELECT u.id, u.email, u.name, u.roles, u.regency, u.cooperative_id AS "cooperativeId", u.locale,
         u.email_verified_at IS NOT NULL AS "emailVerified", t.id AS token_id, t.last_used_at, t.expires_at
       FROM auth_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()`,
      [hash],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { token_id: tokenId, last_used_at: lastUsed, expires_at: expires, ...user } = row;
    return { user, tokenId, expiresAt: new Date(expires).getTime(), lastUsedAt: lastUsed ? new Date(lastUsed).getTime() : 0 };
  }

  async revoke(token: string): Promise<void> {
    await this.tokens.update({ tokenHash: hashToken(token), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
