import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

/** A signed-in user's report of a review, for curators to look at. */
@Entity('review_reports')
export class ReviewReport extends BaseEntity {
  @Column('uuid', { name: 'review_id' })
  reviewId: string;

  @Column('uuid', { name: 'reporter_id' })
  reporterId: string;

  @Column('text')
  reason: string;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}
