import { BaseEntity } from '#libs/platform';
import { Column, Entity, Index } from 'typeorm';

/** An opaque bearer token or browser session; only its SHA-256 is stored. */
@Entity('auth_tokens')
export class AuthToken extends BaseEntity {
  @Index()
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'token_hash', unique: true })
  tokenHash: string;

  @Column('text')
  kind: 'api' | 'session';

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  /** The browser or client of the latest use, written with `lastUsedAt` (the sessions list shows it). */
  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;
}
