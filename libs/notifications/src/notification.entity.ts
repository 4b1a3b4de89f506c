import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

/** An in-app message to one user; `kind` picks the text, `params` fill it. */
@Entity('notifications')
export class Notification extends BaseEntity {
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  kind: string;

  @Column('jsonb', { default: {} })
  params: Record<string, unknown>;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
