import type { Money, Text } from '#libs/platform';
import type { OrderEvent } from './order-event.entity.js';
import type { OrderLine } from './order-line.entity.js';
import type { OrderActor, OrderStatus } from './order-state-machine.js';
import type { Order, PaymentMethod, ShippingAddress } from './order.entity.js';
import type { Payment } from '../payments/payment.entity.js';

export interface OrderView {
  id: string;
  sellerId: string;
  buyerId: string;
  status: OrderStatus;
  subtotal: Money;
  shipping: Money;
  total: Money;
  shippingAddress: ShippingAddress;
  shippingZone: string | null;
  paymentMethod: PaymentMethod;
  payment?: {
    id: string;
    method: string;
    reference: string;
    status: string;
    checkoutUrl?: string;
    /** How the buyer paid through a gateway, e.g. "QRIS", "BCA virtual account", "OVO". */
    paidWith?: string;
    /** Admins only: the gateway's invoice and what it reported paid (a short payment shows here). */
    invoiceId?: string;
    paidAmount?: Money;
  };
  /** What went back to the buyer: by card or by a transfer an admin recorded, after a cancellation or refund, and parts given back (a dispute's partial refund). */
  refunded?: Money;
  trackingNumber: string | null;
  /** The courier and service it ships with (chosen at checkout, or named when shipped) and the weight it was priced at. */
  courier: string | null;
  service: string | null;
  chargedWeightGrams: number | null;
  /** The promised ship-by day (YYYY-MM-DD) of what is made to order. */
  shipBy: string | null;
  /** The shipping label of a shipment booked through Biteship. */
  labelUrl?: string;
  /** While it awaits payment: when it is cancelled if still unpaid. */
  payBy?: string;
  lines: Array<{ id: string; productId: string; variantId?: string; title: Text; quantity: number; unitPrice: Money; lineTotal: Money }>;
  history: Array<{ status: OrderStatus; at: string; actorId: string | null; actorRole: OrderActor; reason?: string }>;
  /** The statuses the caller may move this order to now. */
  actions: OrderStatus[];
  createdAt: string;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** Xendit's payment method and channel as a buyer knows them: "QRIS", "BCA virtual account", "OVO", "ALFAMART". */
export function paidWith(payment: Pick<Payment, 'paymentChannelType' | 'paymentChannel'>): string | undefined {
  const channel = payment.paymentChannel ?? undefined;
  if (payment.paymentChannelType === 'BANK_TRANSFER' && channel) return `${channel} virtual account`;
  if (payment.paymentChannelType === 'QR_CODE') return channel ?? 'QRIS';
  return channel ?? payment.paymentChannelType ?? undefined;
}

/** The payment as `actors` may see it: its gateway's pay link (it carries the invoice or session id) for the buyer and admins only; gateway ids and amounts for admins only. */
function paymentView(payment: Payment, currency: string, actors: readonly OrderActor[]): NonNullable<OrderView['payment']> {
  const how = paidWith(payment);
  const forAdmin = actors.includes('admin');
  return {
    id: payment.id,
    method: payment.method,
    reference: payment.reference,
    status: payment.status,
    ...(payment.checkoutUrl && (forAdmin || actors.includes('buyer')) ? { checkoutUrl: payment.checkoutUrl } : {}),
    ...(how ? { paidWith: how } : {}),
    ...(forAdmin && payment.xenditInvoiceId ? { invoiceId: payment.xenditInvoiceId } : {}),
    ...(forAdmin && payment.paidAmount !== null ? { paidAmount: money(payment.paidAmount, currency) } : {}),
  };
}

export function toOrderView(order: Order, lines: OrderLine[], events: OrderEvent[], payment: Payment | null, actions: OrderStatus[], partsGiven = 0, actors: readonly OrderActor[] = []): OrderView {
  return {
    id: order.id,
    sellerId: order.sellerId,
    buyerId: order.buyerId,
    status: order.status,
    subtotal: money(order.subtotalAmount, order.currency),
    shipping: money(order.shippingAmount, order.currency),
    total: money(order.totalAmount, order.currency),
    shippingAddress: order.shippingAddress,
    shippingZone: order.shippingZone,
    paymentMethod: order.paymentMethod,
    ...(payment ? { payment: paymentView(payment, order.currency, actors) } : {}),
    ...(order.refundedAmount + partsGiven > 0 ? { refunded: money(order.refundedAmount + partsGiven, order.currency) } : {}),
    trackingNumber: order.trackingNumber,
    courier: order.shippingCourier,
    service: order.shippingService,
    chargedWeightGrams: order.chargedWeightGrams,
    shipBy: order.shipBy,
    ...(order.labelUrl ? { labelUrl: order.labelUrl } : {}),
    ...(order.status === 'pending_payment' && order.payBy ? { payBy: order.payBy.toISOString() } : {}),
    lines: lines.map((line) => ({
      id: line.id,
      productId: line.productId,
      ...(line.variantId ? { variantId: line.variantId } : {}),
      title: line.title,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceAmount, order.currency),
      lineTotal: money(line.unitPriceAmount * line.quantity, order.currency),
    })),
    history: events
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({ status: e.status, at: e.at.toISOString(), actorId: e.actorId, actorRole: e.actorRole, ...(e.reason ? { reason: e.reason } : {}) })),
    actions,
    createdAt: order.createdAt.toISOString(),
  };
}
