import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { refundedParts, refundsOf } from '../payments/order-refunds.service.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderLine } from './order-line.entity.js';
import type { OrderActor, OrderStatus } from './order-state-machine.js';
import { Order, type PaymentMethod } from './order.entity.js';

/** An order's money as the settlement ledger reads it (OrderFacts.settlementFacts); amounts in IDR minor units. */
export interface SettlementFacts {
  orderId: string;
  sellerId: string;
  buyerId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  paymentId: string | null;
  totalAmount: number;
  shippingAmount: number;
  currency: string;
  /** What is left of the order given back to the buyer after it was cancelled or refunded, by card (Stripe) or by a transfer an admin recorded (its parts not included). */
  refundedAmount: number;
  /** Parts of the order given back (`order_refunds`: a dispute's partial refund), oldest first. */
  refunds: Array<{ id: string; key: string; amount: number; status: 'owed' | 'sent' | 'refunded' }>;
  lines: Array<{ productId: string; amount: number }>;
  /** Every status the order entered, oldest first. */
  history: Array<{ status: OrderStatus; at: Date; actorRole: OrderActor }>;
}

/** One order's facts for other libs (disputes, the ledger), read in their transaction when given its manager; callers check who may act (people read orders through OrderViews). */
@Injectable()
export class OrderFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What other libs (disputes) need to know about one order, read in the caller's transaction when
   * given its manager (`lock`: the row locked): its parties, status, money, and when it last
   * shipped and was delivered; `refundedParts`: its parts given or owed back (`order_refunds`),
   * `left`: its total less everything given back. Null for an unknown order.
   */
  async facts(
    orderId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<{ order: Order; shippedAt: Date | null; deliveredAt: Date | null; refundedParts: number; left: number } | null> {
    const order = await manager.findOne(Order, { where: { id: orderId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!order) return null;
    const events = await manager.find(OrderEvent, { where: { orderId, status: In(['shipped', 'delivered']) }, order: { at: 'DESC' } });
    const parts = (await refundedParts(manager, [orderId])).get(orderId) ?? 0;
    return {
      order,
      shippedAt: events.find((e) => e.status === 'shipped')?.at ?? null,
      deliveredAt: events.find((e) => e.status === 'delivered')?.at ?? null,
      refundedParts: parts,
      left: order.totalAmount - order.refundedAmount - parts,
    };
  }

  /**
   * What the settlement ledger needs to post an order's money (libs/ledger's subscribers), read in
   * the caller's transaction when given its manager: payment method, total, its lines' amounts by
   * product (commission is taken on these, not on shipping), and every status its history went
   * through (was it paid, completed). Null for an unknown order.
   */
  async settlementFacts(orderId: string, manager: EntityManager = this.dataSource.manager): Promise<SettlementFacts | null> {
    const order = await manager.findOne(Order, { where: { id: orderId } });
    if (!order) return null;
    const lines = await manager.find(OrderLine, { where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const events = await manager.find(OrderEvent, { where: { orderId }, order: { at: 'ASC' } });
    return {
      orderId: order.id,
      sellerId: order.sellerId,
      buyerId: order.buyerId,
      status: order.status,
      paymentMethod: order.paymentMethod,
      paymentId: order.paymentId,
      totalAmount: order.totalAmount,
      shippingAmount: order.shippingAmount,
      currency: order.currency,
      refundedAmount: order.refundedAmount,
      refunds: (await refundsOf(manager, orderId)).map((r) => ({ id: r.id, key: r.key, amount: r.amount.amount, status: r.status })),
      lines: lines.map((line) => ({ productId: line.productId, amount: line.unitPriceAmount * line.quantity })),
      history: events.map((e) => ({ status: e.status, at: e.at, actorRole: e.actorRole })),
    };
  }
}
