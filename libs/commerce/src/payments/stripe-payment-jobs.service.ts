import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatMoney, JobHandler, JobQueue, LOGGER, Scheduled, type Logger } from '#libs/platform';
import { DataSource, In } from 'typeorm';
import { Order } from '../orders/order.entity.js';
import { OrderHistory } from '../orders/order-history.service.js';
import { PARTS_OF_O, refundedParts, type OrderRefundRow } from './order-refunds.service.js';
import { enqueueJobs, enqueuePaymentJobs, PAYMENT_JOBS } from './payment-jobs.js';
import { Payment } from './payment.entity.js';
import { StripeGateway } from './stripe-gateway.js';

/**
 * What a card payment needs from Stripe after its orders were cancelled or refunded: close the
 * Checkout Session so the buyer cannot pay for them, and give back what was charged for them (a
 * seller cancelled a paid order, an admin refunded one, or the charge came through after the
 * cancellation because the buyer was already on Stripe's page).
 */
@Injectable()
export class StripePaymentJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: StripeGateway,
    private readonly history: OrderHistory,
    private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A refund whose job ran out of attempts (Stripe unreachable for longer than its backoff) is
   * queued again, hourly, until the money is back: charged card orders that were cancelled or
   * refunded an hour ago or more and have nothing recorded as given back (beyond the parts already
   * given back), and parts of card orders (`order_refunds`) still owed an hour after they were recorded.
   */
  @Scheduled(60 * 60_000)
  async requeueOwedRefunds(): Promise<number> {
    const owed: Array<{ payment_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT o.payment_id FROM orders o JOIN payments p ON p.id = o.payment_id
       WHERE o.payment_method = 'stripe' AND o.status IN ('cancelled', 'refunded') AND o.refunded_amount = 0 AND o.total_amount > ${PARTS_OF_O}
         AND p.stripe_payment_intent_id IS NOT NULL AND o.updated_at < now() - interval '1 hour'`,
    );
    await enqueuePaymentJobs(
      this.jobs,
      PAYMENT_JOBS.refundCancelledOrders,
      owed.map((row) => row.payment_id),
    );
    const parts: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM order_refunds WHERE status = 'owed' AND method = 'stripe' AND created_at < now() - interval '1 hour' ORDER BY created_at LIMIT 1000`,
    );
    await enqueueJobs(
      this.jobs,
      PAYMENT_JOBS.refundPart,
      'refundId',
      parts.map((row) => row.id),
    );
    return owed.length + parts.length;
  }

  @JobHandler(PAYMENT_JOBS.expireCheckoutSession)
  async expireCheckoutSession(payload: { paymentId: string }): Promise<void> {
    const payment = await this.payment(payload);
    // Paid in the meantime: the webhook settles it, and refunds what was cancelled.
    if (!payment?.stripeSessionId || payment.status !== 'expired') return;
    const expired = await this.gateway.expireSession(payment.stripeSessionId);
    if (!expired) this.logger.info({ paymentId: payment.id }, 'Checkout Session was no longer open');
  }

  /**
   * Refunds, in one Stripe refund, the charged orders of a payment not given back yet. The payment
   * row stays locked from reading what is due to recording it, so two jobs for one payment (two
   * cancellations close together) run one after the other: the second finds nothing due.
   */
  @JobHandler(PAYMENT_JOBS.refundCancelledOrders)
  async refundCancelledOrders(payload: { paymentId: string }): Promise<void> {
    const found = await this.payment(payload);
    if (!found?.stripePaymentIntentId) return; // never charged: nothing to give back
    await this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOneOrFail(Payment, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      // Locked: a part of one of these orders (OrderRefunds.refundPart) cannot be added while the rest is computed.
      const orders = await manager.find(Order, {
        where: { paymentId: payment.id, status: In(['cancelled', 'refunded']), refundedAmount: 0 },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      // What is left of each: its total less the parts already given (or owed) back.
      const parts = await refundedParts(
        manager,
        orders.map((order) => order.id),
      );
      const due = orders.map((order) => ({ order, left: order.totalAmount - (parts.get(order.id) ?? 0) })).filter((d) => d.left > 0);
      const amount = due.reduce((sum, d) => sum + d.left, 0);
      if (amount <= 0) return;
      // The same orders always make the same key, so a retried job reuses the first refund.
      const key = createHash('sha256')
        .update(due.map((d) => d.order.id).join(','))
        .digest('hex')
        .slice(0, 40);
      const refund = await this.gateway.refund({ key, paymentId: payment.id, paymentIntentId: payment.stripePaymentIntentId!, amount });
      for (const { order, left } of due) {
        await manager.update(Order, { id: order.id }, { refundedAmount: left, stripeRefundId: refund?.id ?? null });
        const given = formatMoney({ amount: left, currency: order.currency });
        await this.history.note(manager, order, `${given} refunded to the card${refund ? ` (${refund.id})` : ' (already refunded in Stripe)'}`, 'order.card_refunded');
      }
      this.logger.info({ paymentId: payment.id, amount, refundId: refund?.id }, 'Refunded cancelled orders to the card');
    });
  }

  /**
   * Refunds one part of a card-paid order (`order_refunds`, recorded by OrderRefunds.refundPart) at
   * Stripe, under the idempotency key `refund-part-<id>`, and records it `refunded` with Stripe's
   * refund id. The payment row is locked first, like the whole-order refund, so the two never
   * interleave; a part already refunded is left alone, so a replayed job gives nothing more.
   */
  @JobHandler(PAYMENT_JOBS.refundPart)
  async refundPart(payload: { refundId: string }): Promise<void> {
    const id = payload.refundId;
    if (typeof id !== 'string') return;
    const [found]: OrderRefundRow[] = await this.dataSource.query(`SELECT * FROM order_refunds WHERE id = $1`, [id]);
    if (!found || found.status !== 'owed' || found.method !== 'stripe') return;
    const order = await this.dataSource.manager.findOneBy(Order, { id: found.order_id });
    const charged = order?.paymentId ? await this.payment({ paymentId: order.paymentId }) : null;
    if (!order || !charged?.stripePaymentIntentId) {
      this.logger.warn({ refundId: id, orderId: found.order_id }, 'partial refund of a card order that was never charged; nothing sent to Stripe');
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOneOrFail(Payment, { where: { id: charged.id }, lock: { mode: 'pessimistic_write' } });
      const [part]: OrderRefundRow[] = await manager.query(`SELECT * FROM order_refunds WHERE id = $1 FOR UPDATE`, [id]);
      if (!part || part.status !== 'owed') return;
      const amount = Number(part.amount);
      const refund = await this.gateway.refund({ key: `part-${part.id}`, paymentId: payment.id, paymentIntentId: payment.stripePaymentIntentId!, amount });
      await manager.query(`UPDATE order_refunds SET status = 'refunded', stripe_refund_id = $2, updated_at = now() WHERE id = $1`, [part.id, refund?.id ?? null]);
      const current = await manager.findOneByOrFail(Order, { id: order.id });
      const given = formatMoney({ amount, currency: current.currency });
      await this.history.note(manager, current, `${given} refunded to the card${refund ? ` (${refund.id})` : ' (already refunded in Stripe)'}: ${part.reason}`.slice(0, 500), 'order.card_refunded');
      this.logger.info({ paymentId: payment.id, orderId: order.id, amount, refundId: refund?.id }, 'Refunded part of an order to the card');
    });
  }

  private async payment(payload: { paymentId?: unknown }): Promise<Payment | null> {
    const id = payload.paymentId;
    return typeof id === 'string' ? this.dataSource.manager.findOneBy(Payment, { id, method: 'stripe' }) : null;
  }
}
