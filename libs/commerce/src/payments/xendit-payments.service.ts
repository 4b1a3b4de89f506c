import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvents, formatMoney, JobHandler, LOGGER, Scheduled, type Logger } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { GatewayFeeCharged } from '../commerce.events.js';
import { Order } from '../orders/order.entity.js';
import { OrderHistory } from '../orders/order-history.service.js';
import { OrderTransitions } from '../orders/order-transitions.service.js';
import { PAYMENT_JOBS } from './payment-jobs.js';
import { Payment } from './payment.entity.js';
import { XenditGateway, type InvoiceReport } from './xendit-gateway.js';

/** How long an invoice may stay pending before the sweep asks Xendit, and how often it asks again. */
const SWEEP_AFTER_MINUTES = 5;
const SWEEP_BATCH = 100;

/**
 * Applies what Xendit reports of an invoice (its callback, or the sweep asking it) to the payment
 * and its orders, under the payment's row lock, so duplicate and out-of-order reports serialise:
 * the first PAID or SETTLED records what was paid and marks the orders paid (short: recorded and
 * not accepted); later ones, and an EXPIRED after a payment, change nothing. EXPIRED cancels the
 * orders still unpaid (restocking them). A payment for orders already cancelled leaves them
 * cancelled: they are listed as owed back (TransferRefunds), as Xendit cannot refund QRIS or
 * virtual accounts.
 */
@Injectable()
export class XenditPayments {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: XenditGateway,
    private readonly transitions: OrderTransitions,
    private readonly history: OrderHistory,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** False when the report names no Xendit payment of ours (another integration's invoice). */
  async apply(report: InvoiceReport): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOne(Payment, { where: { reference: report.externalId, method: 'xendit' }, lock: { mode: 'pessimistic_write' } });
      if (!payment || (payment.xenditInvoiceId && payment.xenditInvoiceId !== report.invoiceId)) return false;
      await manager.update(Payment, { id: payment.id }, { gatewayCheckedAt: new Date() });
      if (payment.paidAt) return true; // paid already: a repeat, SETTLED after PAID, or EXPIRED after it
      if (report.status === 'EXPIRED') await this.transitions.transitionPayment(manager, payment.id, 'cancelled', 'Xendit invoice expired unpaid');
      if (report.status === 'PAID' || report.status === 'SETTLED') await this.paid(manager, payment, report);
      return true;
    });
  }

  /**
   * Invoices pending for a few minutes whose callback never came (or was lost): Xendit is asked
   * for each, at most every few minutes, and its answer applied like a callback.
   */
  @Scheduled(60_000)
  async sweep(): Promise<number> {
    if (!this.gateway.enabled) return 0;
    const due: Array<{ xendit_invoice_id: string }> = await this.dataSource.query(
      `SELECT xendit_invoice_id FROM payments
       WHERE method = 'xendit' AND status = 'pending' AND xendit_invoice_id IS NOT NULL
         AND created_at < now() - make_interval(mins => $1)
         AND (gateway_checked_at IS NULL OR gateway_checked_at < now() - make_interval(mins => $1))
       ORDER BY gateway_checked_at NULLS FIRST, created_at LIMIT $2`,
      [SWEEP_AFTER_MINUTES, SWEEP_BATCH],
    );
    for (const { xendit_invoice_id: id } of due) {
      try {
        const report = await this.gateway.invoice(id);
        if (report) await this.apply(report);
      } catch (error) {
        // One invoice Xendit cannot answer for must not stop the others; the next tick asks again.
        this.logger.warn({ invoiceId: id, err: error }, 'could not ask Xendit about a pending invoice');
      }
    }
    return due.length;
  }

  /** Every order of the payment was cancelled before it was paid (the buyer cancelled, the expiry sweep): close the invoice at Xendit. */
  @JobHandler(PAYMENT_JOBS.expireXenditInvoice)
  async expireInvoice(payload: { paymentId: string }): Promise<void> {
    if (typeof payload.paymentId !== 'string') return;
    const payment = await this.dataSource.manager.findOneBy(Payment, { id: payload.paymentId, method: 'xendit' });
    // Paid in the meantime: the callback settled it (and listed what was cancelled as owed back).
    if (!payment?.xenditInvoiceId || payment.status !== 'expired' || payment.paidAt) return;
    if (!(await this.gateway.expireInvoice(payment.xenditInvoiceId))) this.logger.info({ paymentId: payment.id }, 'Xendit invoice was no longer open');
  }

  private async paid(manager: EntityManager, payment: Payment, report: InvoiceReport): Promise<void> {
    const paidAmount = report.paidAmount ?? 0;
    await manager.update(
      Payment,
      { id: payment.id },
      {
        paidAmount,
        gatewayFeeAmount: report.fee,
        paymentChannelType: report.channelType,
        paymentChannel: report.channel,
        paidAt: report.paidAt ?? new Date(),
      },
    );
    const orders = await manager.find(Order, { where: { paymentId: payment.id }, order: { id: 'ASC' } });
    if (paidAmount < payment.amount) {
      const due = formatMoney({ amount: payment.amount, currency: payment.currency });
      const got = formatMoney({ amount: paidAmount, currency: payment.currency });
      for (const order of orders) await this.history.note(manager, order, `Xendit reported ${got} paid, not the ${due} due: not accepted as paid`, 'order.payment_short');
      return;
    }
    for (const order of orders) {
      if (order.status === 'cancelled') await this.history.note(manager, order, 'Payment arrived through Xendit after the order was cancelled: owed back to the buyer', 'order.payment_late');
      else await this.transitions.transitionAs(manager, order.id, 'paid', `Paid through Xendit (${report.channel ?? report.channelType ?? 'invoice'})`);
    }
    if (report.fee) await this.events.record(manager, GatewayFeeCharged, { paymentId: payment.id, method: 'xendit', amount: { amount: report.fee, currency: payment.currency } });
  }
}
