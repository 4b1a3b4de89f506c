import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { JobQueue } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Order } from '../orders/order.entity.js';
import { OrderHistory } from '../orders/order-history.service.js';
import { OrderTransitions } from '../orders/order-transitions.service.js';
import { enqueuePaymentJobs, PAYMENT_JOBS } from './payment-jobs.js';
import { PARTS_OF_O } from './order-refunds.service.js';
import { Payment } from './payment.entity.js';
import type { OrderStatus } from '../orders/order-state-machine.js';

/**
 * Applies Stripe events to payments and orders. Each event id is recorded once in the
 * transaction that applies it, so a redelivered event changes nothing; moves the state
 * machine forbids (late or out-of-order events) are skipped.
 */
@Injectable()
export class StripeWebhookService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly history: OrderHistory,
    private readonly jobs: JobQueue,
  ) {}

  async handle(event: Stripe.Event): Promise<{ received: true; duplicate: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const [inserted] = await manager.query(`INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [event.id, event.type]);
      if (!inserted) return { received: true as const, duplicate: true };
      switch (event.type) {
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded': {
          const session = event.data.object;
          if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') break;
          const payment = await this.paymentOf(manager, session);
          if (!payment) break;
          const intent = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
          if (intent) await manager.update(Payment, { id: payment.id }, { stripePaymentIntentId: intent });
          // A session whose charge differs from what the orders cost is never taken as their payment.
          if (session.amount_total !== payment.amount || session.currency?.toUpperCase() !== payment.currency) {
            const charged = `${session.amount_total ?? '?'} ${session.currency?.toUpperCase() ?? '?'}`;
            await this.noteAll(manager, payment.id, `Stripe reported a charge of ${charged} (minor units), not the ${payment.amount} ${payment.currency} due: not accepted as paid`);
            break;
          }
          await this.moveAll(manager, payment.id, 'paid', 'Stripe payment received');
          // Orders cancelled before the charge (expired, or cancelled by buyer or seller) gave their stock back: refund them.
          if (await manager.existsBy(Order, { paymentId: payment.id, status: 'cancelled' })) {
            await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.refundCancelledOrders, [payment.id], manager);
          }
          break;
        }
        case 'checkout.session.expired':
        case 'checkout.session.async_payment_failed': {
          const payment = await this.paymentOf(manager, event.data.object);
          if (!payment) break;
          await this.moveAll(manager, payment.id, 'cancelled', 'Stripe checkout expired');
          break;
        }
        case 'charge.refunded': {
          const charge = event.data.object;
          if (!charge.refunded) break; // a partial refund is settled by hand
          const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
          const payment =
            (charge.metadata?.paymentId ? await manager.findOneBy(Payment, { id: charge.metadata.paymentId, method: 'stripe' }) : null) ??
            (intent ? await manager.findOneBy(Payment, { stripePaymentIntentId: intent }) : null);
          if (!payment) break;
          await this.moveAll(manager, payment.id, 'refunded', 'Stripe charge refunded');
          // Given back in Stripe already: the refund job must not ask again.
          // (what is left of each order: its parts given back before are not counted twice)
          await manager.query(
            `UPDATE orders o SET refunded_amount = o.total_amount - ${PARTS_OF_O}
             WHERE o.payment_id = $1 AND o.status = 'refunded' AND o.refunded_amount = 0 AND o.total_amount > ${PARTS_OF_O}`,
            [payment.id],
          );
          await manager.query(`UPDATE order_refunds r SET status = 'refunded', updated_at = now() FROM orders o WHERE o.id = r.order_id AND o.payment_id = $1 AND r.status = 'owed'`, [payment.id]);
          break;
        }
      }
      return { received: true as const, duplicate: false };
    });
  }

  private async paymentOf(manager: EntityManager, session: Stripe.Checkout.Session): Promise<Payment | null> {
    const id = session.client_reference_id ?? session.metadata?.paymentId;
    if (id && /^[0-9a-f-]{36}$/i.test(id)) {
      const payment = await manager.findOneBy(Payment, { id, method: 'stripe' });
      if (payment) return payment;
    }
    return manager.findOneBy(Payment, { stripeSessionId: session.id });
  }

  /** A line in the history of every order of the payment, told to buyer and seller. */
  private async noteAll(manager: EntityManager, paymentId: string, reason: string): Promise<void> {
    const orders = await manager.find(Order, { where: { paymentId }, order: { id: 'ASC' } });
    for (const order of orders) await this.history.note(manager, order, reason, 'order.payment_mismatch');
  }

  /** Moves every order of the payment that the machine allows (the payment's status follows its orders). */
  private moveAll(manager: EntityManager, paymentId: string, to: OrderStatus, reason: string): Promise<void> {
    return this.transitions.transitionPayment(manager, paymentId, to, reason);
  }
}
