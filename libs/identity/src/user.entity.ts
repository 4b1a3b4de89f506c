import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

@Entity('users')
export class User extends BaseEntity {
  /** citext: unique regardless of case. */
  @Column('citext', { unique: true })
  email: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: string[];

  @Column('text', { nullable: true })
  regency: string | null;

  @Column('uuid', { name: 'cooperative_id', nullable: true })
  cooperativeId: string | null;

  @Column('text', { default: 'id' })
  locale: string;

  @Column('timestamptz', { name: 'password_changed_at', default: () => 'now()' })
  passwordChangedAt: Date;

  /** When the owner followed the verification link mailed to `email`; null until then (payouts wait for it). */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;
}
