import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StockService } from '#libs/catalogue';
import type { SignedInUser } from '#libs/identity';
import { APP_CONFIG, conflict, DomainEvents, forbidden, invalid, JobQueue, notFound, type AppConfig } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { OrderPaid, OrderStatusChanged } from '../commerce.events.js';
import { enqueuePaymentJobs, PAYMENT_JOBS } from '../payments/payment-jobs.js';
import { recordTracking } from '../shipping/order-tracking.js';
import { OrderHistory, SYSTEM_ACTOR, type OrderActorRef } from './order-history.service.js';
import { OrderLine } from './order-line.entity.js';
import { checkTransition, transitionContextOf, type OrderStatus } from './order-state-machine.js';
import type { OrderView } from './order-view.js';
import { OrderViews } from './order-views.service.js';
import { Order } from './order.entity.js';

export interface TransitionRequest {
  to: OrderStatus;
  trackingNumber?: string;
  /** The courier of a parcel shipped by hand (`jne`, `pos`…), kept with its tracking number. */
  courier?: string;
  reason?: string;
}

/**
 * Moving orders along the state machine, by a person or by the platform: each move's history, notices,
 * stock given back, the checkout's payment settled, card refunds queued and the domain events recorded.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stock: StockService,
    private readonly jobs: JobQueue,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly history: OrderHistory,
    private readonly orderViews: OrderViews,
  ) {}

  /** A person's move: 404 when the order is not theirs, 409 when the machine forbids it, 403 when their role does. */
  async transition(user: SignedInUser, orderId: string, request: TransitionRequest): Promise<OrderView> {
    // Who the caller is to the order never changes, so it is settled before taking the row lock.
    const existing = await this.dataSource.manager.findOneBy(Order, { id: orderId });
    const actors = existing ? await this.orderViews.actorsOf(user, existing) : [];
    if (!existing || actors.length === 0) throw notFound('Order');
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOneOrFail(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      const check = checkTransition(order.status, request.to, actors, transitionContextOf(this.config));
      if (!check.ok && check.reason === 'state') throw conflict(`An order that is ${order.status} cannot become ${request.to}`, { currentStatus: order.status });
      if (!check.ok) throw forbidden(`You may not mark this order ${request.to}`);
      const trackingNumber = request.trackingNumber?.trim();
      if (check.transition.needsTrackingNumber && !trackingNumber) throw invalid('trackingNumber', 'is required to mark an order shipped');
      const role = check.transition.by.find((actor) => actors.includes(actor))!;
      await this.apply(manager, order, request.to, { id: user.id, role }, request.reason?.trim() || null, trackingNumber, request.courier?.trim() || undefined);
    });
    return this.orderViews.view(user, orderId);
  }

  /**
   * A move made by the platform (Stripe, expiry; `actor` defaults to the system) or by the
   * demo seeder on someone's behalf. Returns false and changes nothing when the machine
   * forbids it, so late or repeated events are harmless.
   */
  async transitionAs(manager: EntityManager, orderId: string, to: OrderStatus, reason: string | null, actor: OrderActorRef = SYSTEM_ACTOR, trackingNumber?: string): Promise<boolean> {
    const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || !checkTransition(order.status, to, [actor.role]).ok) return false;
    await this.apply(manager, order, to, actor, reason, trackingNumber);
    return true;
  }

  /** Moves every order of a payment that the machine allows, as the platform (a gateway's report: paid, expired, refunded). */
  async transitionPayment(manager: EntityManager, paymentId: string, to: OrderStatus, reason: string): Promise<void> {
    const orders = await manager.find(Order, { where: { paymentId }, order: { id: 'ASC' } });
    for (const order of orders) await this.transitionAs(manager, order.id, to, reason);
  }

  /** Moves the order, writes its history row and a notice to each party, and gives stock back on cancel/refund. */
  private async apply(manager: EntityManager, order: Order, to: OrderStatus, actor: OrderActorRef, reason: string | null, trackingNumber?: string, courier?: string) {
    const from = order.status;
    const transition = checkTransition(from, to, [actor.role]);
    await manager.update(Order, { id: order.id }, { status: to, ...(trackingNumber ? { trackingNumber } : {}), ...(courier ? { shippingCourier: courier } : {}) });
    order.status = to;
    if (to === 'shipped' || to === 'delivered') {
      const note = to === 'shipped' ? [courier ?? order.shippingCourier, trackingNumber ?? order.trackingNumber].filter(Boolean).join(' ') : reason;
      await recordTracking(manager, order.id, [{ status: to, note: note || null, at: new Date() }], 'manual');
    }
    if (transition.ok && transition.transition.restocks) {
      const lines = await manager.find(OrderLine, { where: { orderId: order.id, fromStock: true } });
      if (lines.length)
        await this.stock.release(
          manager,
          lines.map((l) => ({ productId: l.productId, variantId: l.variantId, quantity: l.quantity })),
          order.id,
          actor.id,
        );
    }
    if (order.paymentId) await this.settlePayment(manager, order.paymentId);
    // The platform holds card payments: a paid order its seller cancels, or an admin refunds, goes
    // back to the card (a refund Stripe reports is already there: the system's move is not one).
    const givesBack = (from === 'paid' && to === 'cancelled') || (to === 'refunded' && actor.role === 'admin');
    if (givesBack && order.paymentMethod === 'stripe' && order.paymentId) {
      await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.refundCancelledOrders, [order.paymentId], manager);
    }
    await this.history.record(manager, order, actor, reason);
    await this.events.record(manager, OrderStatusChanged, { orderId: order.id, sellerId: order.sellerId, from, to });
    if (to === 'paid') {
      await this.events.record(manager, OrderPaid, { orderId: order.id, sellerId: order.sellerId, paymentId: order.paymentId, amount: { amount: order.totalAmount, currency: order.currency } });
    }
  }

  /**
   * A checkout's payment is paid once none of its orders awaits payment and one was paid; expired
   * when all were cancelled before it was paid (a card payment's Checkout Session, a Xendit invoice, is then
   * closed), refunded when all were cancelled or refunded after.
   */
  private async settlePayment(manager: EntityManager, paymentId: string) {
    const [changed]: Array<{ status: string; method: string; stripe_session_id: string | null; xendit_invoice_id: string | null }> = await manager.query(
      `WITH changed AS (UPDATE payments p SET status = s.status, updated_at = now()
       FROM (SELECT CASE
               WHEN bool_or(o.status = 'pending_payment') THEN 'pending'
               WHEN bool_and(o.status = 'cancelled') AND (SELECT status FROM payments WHERE id = $1) IN ('pending', 'expired') THEN 'expired'
               WHEN bool_and(o.status IN ('refunded', 'cancelled')) THEN 'refunded'
               ELSE 'paid' END AS status
             FROM orders o WHERE o.payment_id = $1) s
       WHERE p.id = $1 AND p.status <> s.status
       RETURNING p.status, p.method, p.stripe_session_id, p.xendit_invoice_id)
       SELECT * FROM changed`,
      [paymentId],
    );
    if (changed?.status === 'expired' && changed.method === 'stripe' && changed.stripe_session_id) {
      await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.expireCheckoutSession, [paymentId], manager);
    }
    if (changed?.status === 'expired' && changed.method === 'xendit' && changed.xendit_invoice_id) {
      await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.expireXenditInvoice, [paymentId], manager);
    }
  }
}
