import { Injectable } from '@nestjs/common';
import { JobQueue, NotifyJob } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import type { EntityManager } from 'typeorm';
import { OrderEvent } from './order-event.entity.js';
import type { OrderActor } from './order-state-machine.js';
import type { Order } from './order.entity.js';

export interface OrderActorRef {
  id: string | null;
  role: OrderActor;
}

export const SYSTEM_ACTOR: OrderActorRef = { id: null, role: 'system' };

/** An order's history (`order_events`): each line written in the caller's transaction, with a notice to the buyer and the seller's owner. */
@Injectable()
export class OrderHistory {
  constructor(
    private readonly jobs: JobQueue,
    private readonly sellers: SellersService,
  ) {}

  /** Adds a line to the order's history (its status unchanged) and tells buyer and seller, as `kind`. */
  async note(manager: EntityManager, order: Order, reason: string, kind: string, actor: OrderActorRef = SYSTEM_ACTOR): Promise<void> {
    await this.record(manager, order, actor, reason, kind);
  }

  /** The line for the status the order is in (it was just created or moved), told to whoever did not make it. */
  async record(manager: EntityManager, order: Order, actor: OrderActorRef, reason: string | null, kind = `order.${order.status}`): Promise<void> {
    await manager.insert(OrderEvent, { orderId: order.id, status: order.status, actorId: actor.id, actorRole: actor.role, reason });
    const ownerId = (await this.sellers.owners([order.sellerId], manager)).get(order.sellerId);
    const recipients = [order.buyerId, ownerId].filter((id): id is string => !!id && id !== actor.id);
    const params = { orderId: order.id, status: order.status, total: { amount: order.totalAmount, currency: order.currency } };
    await this.jobs.enqueueMany(
      NotifyJob,
      [...new Set(recipients)].map((userId) => ({ userId, kind, params: { ...params, asSeller: userId !== order.buyerId } })),
      { manager },
    );
  }
}
