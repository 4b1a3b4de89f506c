import { BaseEntity } from '#libs/platform';
import { Column, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Cooperative } from './cooperative.entity.js';
import { Seller } from '../seller.entity.js';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** A cooperative's invitation to a seller; only the seller's owner accepts or declines it. */
@Entity('cooperative_invitations')
export class CooperativeInvitation extends BaseEntity {
  @Column('uuid', { name: 'cooperative_id' })
  cooperativeId: string;

  @ManyToOne(() => Cooperative)
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Relation<Cooperative>;

  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @ManyToOne(() => Seller)
  @JoinColumn({ name: 'seller_id' })
  seller?: Relation<Seller>;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedBy: string | null;

  @Column('text', { default: 'pending' })
  status: InvitationStatus;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;
}
