import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

export const REVIEW_LANGUAGES = ['id', 'en'] as const;
export type ReviewLanguage = (typeof REVIEW_LANGUAGES)[number];

/** A verified review: one per completed order line, written by that order's buyer. */
@Entity('reviews')
export class Review extends BaseEntity {
  @Column('uuid', { name: 'order_line_id', unique: true })
  orderLineId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Column('smallint')
  rating: number;

  @Column('text')
  text: string;

  @Column('text', { default: 'id' })
  language: ReviewLanguage;

  @Column('text', { name: 'reply_text', nullable: true })
  replyText: string | null;

  @Column('uuid', { name: 'reply_author_id', nullable: true })
  replyAuthorId: string | null;

  @Column('timestamptz', { name: 'replied_at', nullable: true })
  repliedAt: Date | null;

  @Column('timestamptz', { name: 'hidden_at', nullable: true })
  hiddenAt: Date | null;

  @Column('text', { name: 'hidden_reason', nullable: true })
  hiddenReason: string | null;

  @Column('uuid', { name: 'hidden_by', nullable: true })
  hiddenBy: string | null;
}
