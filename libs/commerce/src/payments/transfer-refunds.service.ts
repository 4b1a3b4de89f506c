import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UsersService, type SignedInUser } from '#libs/identity';
import { conflict, DomainEvents, formatMoney, notFound, paged, type Money, type Paged } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { TransferRefundSent } from '../commerce.events.js';
import type { OrderStatus } from '../orders/order-state-machine.js';
import type { OrderView } from '../orders/order-view.js';
import { Order } from '../orders/order.entity.js';
import { OrderHistory } from '../orders/order-history.service.js';
import { OrderViews } from '../orders/order-views.service.js';
import { PARTS_OF_O, refundedParts } from './order-refunds.service.js';

export interface TransferRefundDue {
  orderId: string;
  /** Set on a part of an order (a dispute's partial refund, `order_refunds`): record it with its id. Absent: what is left of a cancelled or refunded order. */
  refundId?: string;
  /** The order's status now (a part is owed on an order that goes on: delivered, completed…). */
  status: OrderStatus;
  amount: Money;
  /** Why a part is owed (absent for a whole order). */
  reason?: string;
  /** The reference the buyer wrote on the transfer that paid it (none on orders made before quotes had one). */
  paymentReference: string | null;
  buyer: { name: string; email: string; phone: string | null };
  since: string;
}

/**
 * Paid by bank transfer into the platform's account (as its admin confirmed), or through Xendit in
 * full — also when the money arrived after the order was cancelled: Xendit cannot refund QRIS or
 * virtual accounts, so what it collected goes back by hand too.
 */
const PAID_BY_TRANSFER = `((o.payment_method = 'bank_transfer'
  AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.status = 'paid' AND e.actor_role IN ('admin', 'system')))
  OR (o.payment_method = 'xendit' AND EXISTS (SELECT 1 FROM payments x WHERE x.id = o.payment_id AND x.paid_at IS NOT NULL AND x.paid_amount >= x.amount)))`;

/** Paid by transfer, then cancelled or refunded, with something left after its parts given back, and not sent back yet. */
const DUE = `${PAID_BY_TRANSFER} AND o.status IN ('cancelled', 'refunded') AND o.refunded_amount = 0 AND o.total_amount > ${PARTS_OF_O}`;

/**
 * Bank transfers the platform owes buyers back. Card payments go back through Stripe on their
 * own; a transfer into the collection account has to be sent back by a person, so admins get
 * the list — what is left of cancelled or refunded orders, and parts of orders owed back
 * (`order_refunds`, a dispute's partial refund) — and record each transfer they made (which
 * tells buyer and seller).
 */
@Injectable()
export class TransferRefunds {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: OrderHistory,
    private readonly orderViews: OrderViews,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async due(query: { page: number; perPage: number }): Promise<Paged<TransferRefundDue>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH due AS (
         SELECT o.id, NULL::uuid AS refund_id, o.status, o.total_amount - ${PARTS_OF_O} AS amount, NULL::text AS reason, o.currency, o.updated_at AS since,
                o.shipping_address, o.buyer_id, o.payment_id
         FROM orders o WHERE ${DUE}
         UNION ALL
         SELECT o.id, r.id, o.status, r.amount, r.reason, o.currency, r.created_at, o.shipping_address, o.buyer_id, o.payment_id
         FROM order_refunds r JOIN orders o ON o.id = r.order_id
         WHERE r.status = 'owed' AND ${PAID_BY_TRANSFER})
       SELECT d.*, p.reference, count(*) OVER () AS total
       FROM due d LEFT JOIN payments p ON p.id = d.payment_id
       ORDER BY d.since, d.id, d.refund_id NULLS FIRST LIMIT $1 OFFSET $2`,
      [query.perPage, (query.page - 1) * query.perPage],
    );
    // orders.buyer_id references users, so every buyer is found.
    const buyers = await this.users.contacts(rows.map((row) => row.buyer_id as string));
    const items = rows.map((row) => ({
      orderId: row.id as string,
      ...(row.refund_id ? { refundId: row.refund_id as string, reason: row.reason as string } : {}),
      status: row.status as OrderStatus,
      amount: { amount: Number(row.amount), currency: row.currency as string },
      paymentReference: (row.reference as string | null) ?? null,
      buyer: { name: buyers.get(row.buyer_id as string)?.name ?? '', email: buyers.get(row.buyer_id as string)?.email ?? '', phone: (row.shipping_address as { phone?: string }).phone ?? null },
      since: (row.since as Date).toISOString(),
    }));
    return paged(items, Number(rows[0]?.total ?? 0), query);
  }

  /**
   * Records that an admin sent money of the order back by bank transfer: with `refundId`, that part
   * of it (`order_refunds`); without, everything owed back on it — its parts still owed and, when it
   * was cancelled or refunded, what is left of it. 409 when nothing (or not that part) is owed.
   */
  async recordSent(admin: SignedInUser, orderId: string, bankReference: string, refundId?: string): Promise<OrderView> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw notFound('Order');
      const [transfer] = await manager.query(`SELECT 1 FROM orders o WHERE o.id = $1 AND ${PAID_BY_TRANSFER}`, [orderId]);
      const parts: Array<{ id: string; amount: string }> = transfer
        ? await manager.query(`SELECT id, amount FROM order_refunds WHERE order_id = $1 AND status = 'owed' ${refundId ? 'AND id = $2' : ''} ORDER BY created_at, id FOR UPDATE`, [
            orderId,
            ...(refundId ? [refundId] : []),
          ])
        : [];
      const whole = !refundId && (await this.isDue(manager, orderId));
      if (refundId && parts.length === 0) throw conflict('Nothing is owed back for this refund: it is not a part of this order paid by bank transfer, or its transfer back is recorded already');
      if (!whole && parts.length === 0)
        throw conflict('Nothing is owed back on this order: it was not paid by bank transfer and then cancelled, refunded or partly refunded, or the transfer back is recorded already');
      let sent = 0;
      if (parts.length) {
        await manager.query(`UPDATE order_refunds SET status = 'sent', bank_reference = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [parts.map((p) => p.id), bankReference]);
        sent += parts.reduce((sum, p) => sum + Number(p.amount), 0);
      }
      if (whole) {
        // What is left of the order: its parts (sent just now or before) are not sent twice.
        const left = order.totalAmount - ((await refundedParts(manager, [orderId])).get(orderId) ?? 0);
        await manager.update(Order, { id: orderId }, { refundedAmount: left });
        sent += left;
      }
      const given = formatMoney({ amount: sent, currency: order.currency });
      await this.history.note(manager, order, `${given} transferred back to the buyer (${bankReference})`, 'order.transfer_refunded', { id: admin.id, role: 'admin' });
      await this.events.record(manager, TransferRefundSent, { orderId, sellerId: order.sellerId, amount: { amount: sent, currency: order.currency } });
    });
    return this.orderViews.view(admin, orderId);
  }

  private async isDue(manager: EntityManager, orderId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM orders o WHERE o.id = $1 AND ${DUE}`, [orderId]);
    return !!row;
  }
}
