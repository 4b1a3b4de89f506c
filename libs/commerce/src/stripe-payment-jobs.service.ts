import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatMoney, JobHandler, LOGGER, type Logger } from '#libs/platform';
import { DataSource } from 'typeorm';
import { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';
import { PAYMENT_JOBS } from './payment-jobs.js';
import { Payment } from './payment.entity.js';
import { StripeGateway } from './stripe-gateway.js';

/**
 * What a card payment needs from Stripe after its orders were cancelled: close the Checkout
 * Session so the buyer cannot pay for them, and, when the charge came through anyway (the buyer
 * was already on Stripe's page), give that part back, since the stock was released.
 */
@Injectable()
export class StripePaymentJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: StripeGateway,
    private readonly orders: OrdersService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JobHandler(PAYMENT_JOBS.expireCheckoutSession)
  async expireCheckoutSession(payload: Record<string, unknown>): Promise<void> {
    const payment = await this.payment(payload);
    // Paid in the meantime: the webhook settles it, and refunds what was cancelled.
    if (!payment?.stripeSessionId || payment.status !== 'expired') return;
    const expired = await this.gateway.expireSession(payment.stripeSessionId);
    if (!expired) this.logger.info({ paymentId: payment.id }, 'Checkout Session was no longer open');
  }

  @JobHandler(PAYMENT_JOBS.refundCancelledOrders)
  async refundCancelledOrders(payload: Record<string, unknown>): Promise<void> {
    const payment = await this.payment(payload);
    if (!payment?.stripePaymentIntentId) return;
    const cancelled = await this.dataSource.manager.find(Order, { where: { paymentId: payment.id, status: 'cancelled' }, order: { id: 'ASC' } });
    const amount = cancelled.reduce((sum, order) => sum + order.totalAmount, 0) - payment.refundedAmount;
    if (amount <= 0) return;
    const refund = await this.gateway.refund({ paymentId: payment.id, paymentIntentId: payment.stripePaymentIntentId, amount, reason: 'orders cancelled before the payment arrived' });
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Payment, { id: payment.id }, { refundedAmount: payment.refundedAmount + amount, ...(refund ? { stripeRefundId: refund.id } : {}) });
      for (const order of cancelled) {
        const given = formatMoney({ amount: order.totalAmount, currency: order.currency });
        await this.orders.note(manager, order.id, `Card payment arrived after the order was cancelled; ${given} refunded${refund ? ` (${refund.id})` : ' (already refunded in Stripe)'}`, 'order.refunded_after_cancel');
      }
    });
    this.logger.info({ paymentId: payment.id, amount, refundId: refund?.id }, 'Refunded a card payment for cancelled orders');
  }

  private async payment(payload: Record<string, unknown>): Promise<Payment | null> {
    const id = payload.paymentId;
    return typeof id === 'string' ? this.dataSource.manager.findOneBy(Payment, { id, method: 'stripe' }) : null;
  }
}
