import { defineEvent, type Money } from '#libs/platform';
import type { OrderStatus } from './orders/order-state-machine.js';

/**
 * Commerce's domain events (CONTRIBUTING.md "Events and jobs"), recorded by OrderTransitions in the
 * transaction of the move (whoever moves the order: a person, Stripe, the expiry sweep, an admin).
 *
 * `OrderStatusChanged`: an order moved along the state machine. Subscriber: reviews (recomputes the
 * seller's reputation when an order ships, is cancelled or refunded).
 * `OrderPaid`: the platform confirmed an order's payment (`amount` is the order's total). Subscriber:
 * reviews (paid orders count in the seller's reputation); the settlement ledger will post from it.
 */
export const OrderStatusChanged = defineEvent<{ orderId: string; sellerId: string; from: OrderStatus; to: OrderStatus }>('commerce.OrderStatusChanged');
export const OrderPaid = defineEvent<{ orderId: string; sellerId: string; paymentId: string | null; amount: Money }>('commerce.OrderPaid');
/** An admin recorded the bank transfer that sent a cancelled or refunded order's money back to its buyer (`amount`: what was sent). Subscriber: the ledger (refunds payable → the bank's clearing account). */
export const TransferRefundSent = defineEvent<{ orderId: string; sellerId: string; amount: Money }>('commerce.TransferRefundSent');
/** A payment gateway kept its fee out of a payment it collected (Xendit reports it with the payment; `amount`: the fee). Subscriber: the ledger (the gateway's clearing account pays it out of the platform's commission). */
export const GatewayFeeCharged = defineEvent<{ paymentId: string; method: string; amount: Money }>('commerce.GatewayFeeCharged');
