import { BaseEntity } from '#libs/platform';
import { Column, Entity, OneToMany, type Relation } from 'typeorm';
import { bigintNumber } from '../money-column.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderLine } from './order-line.entity.js';
import type { OrderStatus } from './order-state-machine.js';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string;
}

export type PaymentMethod = 'bank_transfer' | 'stripe' | 'xendit' | 'invoice';

/** One seller's part of a checkout (or an accepted export quote); amounts in IDR minor units. */
@Entity('orders')
export class Order extends BaseEntity {
  @Column('uuid', { name: 'buyer_id' })
  buyerId: string;

  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('uuid', { name: 'payment_id', nullable: true })
  paymentId: string | null;

  @Column('text')
  status: OrderStatus;

  @Column('bigint', { name: 'subtotal_amount', transformer: bigintNumber })
  subtotalAmount: number;

  @Column('bigint', { name: 'shipping_amount', transformer: bigintNumber })
  shippingAmount: number;

  @Column('bigint', { name: 'total_amount', transformer: bigintNumber })
  totalAmount: number;

  @Column('text', { default: 'IDR' })
  currency: string;

  @Column('jsonb', { name: 'shipping_address' })
  shippingAddress: ShippingAddress;

  @Column('text', { name: 'shipping_zone', nullable: true })
  shippingZone: string | null;

  @Column('text', { name: 'payment_method' })
  paymentMethod: PaymentMethod;

  @Column('text', { name: 'tracking_number', nullable: true })
  trackingNumber: string | null;

  /** The courier (`jne`, `sicepat`…, or `seller` for the seller's own zone table) and its service, chosen at checkout or named when shipped. */
  @Column('text', { name: 'shipping_courier', nullable: true })
  shippingCourier: string | null;

  @Column('text', { name: 'shipping_service', nullable: true })
  shippingService: string | null;

  /** The weight the shipping was priced at: the larger of actual and volumetric, whole kilograms. */
  @Column('int', { name: 'charged_weight_grams', nullable: true })
  chargedWeightGrams: number | null;

  /** The promised ship-by day (YYYY-MM-DD) of an order made to order (a quote's lead time, a product's production days). */
  @Column('date', { name: 'ship_by', nullable: true })
  shipBy: string | null;

  /** Biteship's order id once the seller booked the shipment there (its status callbacks name it). */
  @Column('text', { name: 'biteship_order_id', nullable: true })
  biteshipOrderId: string | null;

  @Column('text', { name: 'label_url', nullable: true })
  labelUrl: string | null;

  /** Until when the order, unpaid, holds its stock (null: ORDER_EXPIRY_MINUTES after creation, for older orders). */
  @Column('timestamptz', { name: 'pay_by', nullable: true })
  payBy: Date | null;

  /** Given back to the card that paid, after a cancellation or a refund (IDR minor units). */
  @Column('bigint', { name: 'refunded_amount', default: 0, transformer: bigintNumber })
  refundedAmount: number;

  @Column('text', { name: 'stripe_refund_id', nullable: true })
  stripeRefundId: string | null;

  /** `cart` (a checkout) or `quote` (an accepted export quote, `sourceId` its id). */
  @Column('text', { default: 'cart' })
  source: string;

  @Column('uuid', { name: 'source_id', nullable: true })
  sourceId: string | null;

  @OneToMany(() => OrderLine, (line) => line.order)
  lines?: Relation<OrderLine>[];

  @OneToMany(() => OrderEvent, (event) => event.order)
  events?: Relation<OrderEvent>[];
}
