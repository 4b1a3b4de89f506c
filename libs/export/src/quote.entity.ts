import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';
import { bigintNumber } from './rfq.entity.js';

export type QuoteStatus = 'offered' | 'accepted' | 'superseded';

/** A seller's offer in answer to an RFQ. */
@Entity('quotes')
export class Quote extends BaseEntity {
  @Column('uuid', { name: 'rfq_id' })
  rfqId: string;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  /** The product quoted; the RFQ's, or the seller's choice when the RFQ named none. */
  @Column('uuid', { name: 'product_id', nullable: true })
  productId: string | null;

  @Column('bigint', { name: 'unit_price_amount', transformer: bigintNumber })
  unitPriceAmount: number;

  @Column('text', { name: 'unit_price_currency' })
  unitPriceCurrency: string;

  @Column('int', { name: 'lead_time_days' })
  leadTimeDays: number;

  /** The last day the offer holds (YYYY-MM-DD). */
  @Column('date', { name: 'valid_until' })
  validUntil: string;

  @Column('text')
  incoterm: string;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('text')
  status: QuoteStatus;

  @Column('uuid', { name: 'order_id', nullable: true })
  orderId: string | null;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;
}
