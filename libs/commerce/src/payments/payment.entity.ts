import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';
import { bigintNumber } from '../money-column.js';

export type PaymentStatus = 'pending' | 'paid' | 'expired' | 'refunded';

/** How one checkout is paid: a bank transfer with a unique reference, a Stripe Checkout Session, or a Xendit invoice. */
@Entity('payments')
export class Payment extends BaseEntity {
  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Column('text')
  method: 'bank_transfer' | 'stripe' | 'xendit';

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

  /** Admins see it; buyers and sellers never do. */
  @Column('text', { name: 'xendit_invoice_id', nullable: true, unique: true })
  xenditInvoiceId: string | null;

  /** How the buyer paid, as the gateway says: Xendit's payment_method (QR_CODE, BANK_TRANSFER, EWALLET…) and payment_channel (QRIS, BCA, OVO…). */
  @Column('text', { name: 'payment_channel_type', nullable: true })
  paymentChannelType: string | null;

  @Column('text', { name: 'payment_channel', nullable: true })
  paymentChannel: string | null;

  /** What the gateway reported paid (IDR minor units), kept even when short of `amount` (then not accepted). */
  @Column('bigint', { name: 'paid_amount', nullable: true, transformer: bigintNumber })
  paidAmount: number | null;

  @Column('bigint', { name: 'gateway_fee_amount', nullable: true, transformer: bigintNumber })
  gatewayFeeAmount: number | null;

  @Column('timestamptz', { name: 'paid_at', nullable: true })
  paidAt: Date | null;

  /** When the sweep last asked Xendit about this invoice (its callback never came). */
  @Column('timestamptz', { name: 'gateway_checked_at', nullable: true })
  gatewayCheckedAt: Date | null;
}
