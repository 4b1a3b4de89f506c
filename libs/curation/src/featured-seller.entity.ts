import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

/** A seller featured by a curator for a time window, optionally in a named collection. */
@Entity('featured_sellers')
export class FeaturedSeller extends BaseEntity {
  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('text', { nullable: true })
  collection: string | null;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;
}
