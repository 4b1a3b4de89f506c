import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '#libs/platform';
import { DataSource } from 'typeorm';
import { hashToken } from '../token.service.js';

export interface SessionView {
  id: string;
  kind: 'api' | 'session';
  createdAt: string;
  lastUsedAt: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The live tokens and browser sessions of an account (`auth_tokens`), for its owner to review and end. */
@Injectable()
export class Sessions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest use first; `current` marks the one this request came with. */
  async list(userId: string, currentToken: string | undefined): Promise<SessionView[]> {
    const rows: Array<{ id: string; kind: 'api' | 'session'; created_at: Date; last_used_at: Date | null; user_agent: string | null; current: boolean }> = await this.dataSource.query(
      `SELECT id, kind, created_at, last_used_at, user_agent, token_hash = $2 AS current
       FROM auth_tokens WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
       ORDER BY coalesce(last_used_at, created_at) DESC, id`,
      [userId, currentToken ? hashToken(currentToken) : ''],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      createdAt: r.created_at.toISOString(),
      lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
      userAgent: r.user_agent,
      current: r.current,
    }));
  }

  /** Ends one of the user's own sessions at once; anyone else's, or one already ended, is 404. */
  async end(userId: string, sessionId: string): Promise<void> {
    const [, count]: [unknown, number] = await this.dataSource.query(`UPDATE auth_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`, [
      sessionId,
      userId,
    ]);
    if (!count) throw notFound('Session');
  }
}
