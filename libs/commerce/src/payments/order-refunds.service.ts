import { Injectable } from '@nestjs/common';
import { conflict, invalid, JobQueue, notFound, type Money } from '#libs/platform';
import type { EntityManager } from 'typeorm';
import { Order, type PaymentMethod } from '../orders/order.entity.js';
import { enqueueJobs, PAYMENT_JOBS } from './payment-jobs.js';

export type OrderRefundStatus = 'owed' | 'sent' | 'refunded';

/** One part of an order given back to its buyer (a dispute's partial refund): a row of `order_refunds`. */
export interface OrderRefund {
  id: string;
  orderId: string;
  amount: Money;
  reason: string;
  key: string;
  method: PaymentMethod;
  /** `owed` until Stripe refunded it (`refunded`) or an admin recorded the transfer that sent it (`sent`). */
  status: OrderRefundStatus;
  stripeRefundId: string | null;
  bankReference: string | null;
  createdAt: string;
}

export interface OrderRefundRow {
  id: string;
  order_id: string;
  amount: string;
  reason: string;
  idempotency_key: string;
  method: PaymentMethod;
  status: OrderRefundStatus;
  stripe_refund_id: string | null;
  bank_reference: string | null;
  created_at: Date;
}

export function toOrderRefund(row: OrderRefundRow, currency = 'IDR'): OrderRefund {
  return {
    id: row.id,
    orderId: row.order_id,
    amount: { amount: Number(row.amount), currency },
    reason: row.reason,
    key: row.idempotency_key,
    method: row.method,
    status: row.status,
    stripeRefundId: row.stripe_refund_id,
    bankReference: row.bank_reference,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * What the parts given back (or owed back) come to per order, in the caller's transaction: the
 * whole-order refund paths (the Stripe refund job, the transfers-owed list) give back only the
 * order's total less this.
 */
export async function refundedParts(manager: EntityManager, orderIds: string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const rows: Array<{ order_id: string; amount: string }> = await manager.query(`SELECT order_id, sum(amount) AS amount FROM order_refunds WHERE order_id = ANY($1::uuid[]) GROUP BY order_id`, [
    orderIds,
  ]);
  return new Map(rows.map((row) => [row.order_id, Number(row.amount)]));
}

/** The parts of an order given or owed back, oldest first, read in the caller's transaction. */
export async function refundsOf(manager: EntityManager, orderId: string): Promise<OrderRefund[]> {
  const rows: OrderRefundRow[] = await manager.query(`SELECT * FROM order_refunds WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
  return rows.map((row) => toOrderRefund(row));
}

/** SQL (for an `orders o` row): the parts of it given or owed back. */
export const PARTS_OF_O = `COALESCE((SELECT sum(r.amount) FROM order_refunds r WHERE r.order_id = o.id), 0)`;

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * Partial refunds of orders (CONTRIBUTING.md "Public services"): `refundPart` records, in the
 * caller's transaction, a part of a paid order owed back to its buyer. A card payment's part goes
 * back through Stripe (the `payments.stripe-refund-part` job, after commit); a bank transfer's part
 * appears on the transfers-owed list until an admin records the transfer that sent it.
 */
@Injectable()
export class OrderRefunds {
  constructor(private readonly jobs: JobQueue) {}

  /**
   * Records `amount` (IDR minor units) of the order as owed back to its buyer, once per `key`: the
   * same key again returns the first record (409 when it named another order or amount). 409 when
   * the order was never paid, is cancelled or refunded already (the whole-order refund gives back
   * what is left), or when `amount` is more than its total less what was already given back.
   */
  async refundPart(manager: EntityManager, orderId: string, input: { amount: number; reason: string; key: string }): Promise<OrderRefund> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw invalid('amount', 'must be a positive integer of minor units');
    if (typeof input.key !== 'string' || !KEY.test(input.key)) throw invalid('key', 'must be 1 to 200 letters, digits or . _ : -');
    const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 500) : '';
    if (!reason) throw invalid('reason', 'is required');
    // The order's row lock serialises parts of one order with each other and with its whole refund.
    const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw notFound('Order');
    const [existing]: OrderRefundRow[] = await manager.query(`SELECT * FROM order_refunds WHERE idempotency_key = $1`, [input.key]);
    if (existing) {
      if (existing.order_id !== order.id || Number(existing.amount) !== input.amount) throw conflict(`The refund ${input.key} was recorded for another order or amount`);
      return toOrderRefund(existing, order.currency);
    }
    if (order.status === 'cancelled' || order.status === 'refunded') throw conflict(`The order is ${order.status}: what is left of it goes back whole`);
    const [paid] = await manager.query(`SELECT 1 FROM order_events WHERE order_id = $1 AND status = 'paid' LIMIT 1`, [order.id]);
    if (!paid) throw conflict('The order was never paid: there is nothing to give back');
    const parts = (await refundedParts(manager, [order.id])).get(order.id) ?? 0;
    const left = order.totalAmount - order.refundedAmount - parts;
    if (input.amount > left) throw conflict(`Order ${order.id} has ${left} left to refund`, { errors: [{ field: 'amount', message: `must be at most ${left}` }] });
    const [row]: OrderRefundRow[] = await manager.query(`INSERT INTO order_refunds (order_id, amount, reason, idempotency_key, method) VALUES ($1, $2, $3, $4, $5) RETURNING *`, [
      order.id,
      input.amount,
      reason,
      input.key,
      order.paymentMethod,
    ]);
    if (order.paymentMethod === 'stripe') await enqueueJobs(this.jobs, PAYMENT_JOBS.refundPart, 'refundId', [row!.id], manager);
    return toOrderRefund(row!, order.currency);
  }

  /** The parts of an order given or owed back, oldest first. */
  forOrder(manager: EntityManager, orderId: string): Promise<OrderRefund[]> {
    return refundsOf(manager, orderId);
  }
}
