import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UsersService, type SignedInUser } from '#libs/identity';
import { conflict, DomainEvents, formatMoney, notFound, paged, type Money, type Paged } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { TransferRefundSent } from '../commerce.events.js';
import type { OrderView } from '../orders/order-view.js';
import { Order } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';

export interface TransferRefundDue {
  orderId: string;
  status: 'cancelled' | 'refunded';
  amount: Money;
  /** The reference the buyer wrote on the transfer that paid it (none on orders made before quotes had one). */
  paymentReference: string | null;
  buyer: { name: string; email: string; phone: string | null };
  since: string;
}

/** Paid by bank transfer into the platform's account (as its admin confirmed), then cancelled or refunded, and not sent back yet. */
const DUE = `o.payment_method = 'bank_transfer' AND o.status IN ('cancelled', 'refunded') AND o.refunded_amount = 0
  AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.status = 'paid' AND e.actor_role IN ('admin', 'system'))`;

/**
 * Bank transfers the platform owes buyers back. Card payments go back through Stripe on their
 * own; a transfer into the collection account has to be sent back by a person, so admins get
 * the list and record each transfer they made (which tells buyer and seller).
 */
@Injectable()
export class TransferRefunds {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async due(query: { page: number; perPage: number }): Promise<Paged<TransferRefundDue>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT o.id, o.status, o.total_amount, o.currency, o.updated_at, o.shipping_address, o.buyer_id, p.reference, count(*) OVER () AS total
       FROM orders o LEFT JOIN payments p ON p.id = o.payment_id
       WHERE ${DUE}
       ORDER BY o.updated_at, o.id LIMIT $1 OFFSET $2`,
      [query.perPage, (query.page - 1) * query.perPage],
    );
    // orders.buyer_id references users, so every buyer is found.
    const buyers = await this.users.contacts(rows.map((row) => row.buyer_id as string));
    const items = rows.map((row) => ({
      orderId: row.id as string,
      status: row.status as TransferRefundDue['status'],
      amount: { amount: Number(row.total_amount), currency: row.currency as string },
      paymentReference: (row.reference as string | null) ?? null,
      buyer: { name: buyers.get(row.buyer_id as string)?.name ?? '', email: buyers.get(row.buyer_id as string)?.email ?? '', phone: (row.shipping_address as { phone?: string }).phone ?? null },
      since: (row.updated_at as Date).toISOString(),
    }));
    return paged(items, Number(rows[0]?.total ?? 0), query);
  }

  /** Records that an admin sent the order's money back (409 when nothing is owed on it). */
  async recordSent(admin: SignedInUser, orderId: string, bankReference: string): Promise<OrderView> {
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw notFound('Order');
      if (!(await this.isDue(manager, orderId)))
        throw conflict('Nothing is owed back on this order: it was not paid by bank transfer and then cancelled or refunded, or the transfer back is recorded already');
      await manager.update(Order, { id: orderId }, { refundedAmount: order.totalAmount });
      const given = formatMoney({ amount: order.totalAmount, currency: order.currency });
      await this.orders.note(manager, order, `${given} transferred back to the buyer (${bankReference})`, 'order.transfer_refunded', { id: admin.id, role: 'admin' });
      await this.events.record(manager, TransferRefundSent, { orderId, sellerId: order.sellerId, amount: { amount: order.totalAmount, currency: order.currency } });
    });
    return this.orders.view(admin, orderId);
  }

  private async isDue(manager: EntityManager, orderId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM orders o WHERE o.id = $1 AND ${DUE}`, [orderId]);
    return !!row;
  }
}
