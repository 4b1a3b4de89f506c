import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';
import { bigintNumber } from '../money-column.js';

export type PaymentStatus = 'pending' | 'paid' | 'expired' | 'refunded';

/** How one checkout is paid: a bank transfer with a unique reference, or a Stripe Checkout Session. */
@Entity('payments')
export class Payment extends BaseEntity {
  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Column('text')
  method: 'bank_transfer' | 'stripe';

  @Column('text', { default: 'pending' })
  status: PaymentStatus;

  @Column('bigint', { transformer: bigintNumber })
  amount: number;

  @Column('text', { default: 'IDR' })
  currency: string;

  /** Written in the transfer's description so the seller can match it. */
  @Column('text', { unique: true })
  reference: string;

  @Column('text', { name: 'stripe_session_id', nullable: true, unique: true })
  stripeSessionId: string | null;

  /** Known once the session completes; a refund event names only the payment intent. */
  @Column('text', { name: 'stripe_payment_intent_id', nullable: true, unique: true })
  stripePaymentIntentId: string | null;

  @Column('text', { name: 'checkout_url', nullable: true })
  checkoutUrl: string | null;
}
