import type { EntityManager } from 'typeorm';
import { OrderTrackingEvent } from './order-tracking-event.entity.js';

/** Adds steps to an order's tracking, in the caller's transaction; a step already there (same status and time) is left alone, so repeated callbacks add nothing. */
export async function recordTracking(manager: EntityManager, orderId: string, steps: Array<{ status: string; note: string | null; at: Date }>, source: OrderTrackingEvent['source']): Promise<void> {
  if (steps.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(OrderTrackingEvent)
    .values(steps.map((step) => ({ orderId, status: step.status.slice(0, 60), note: step.note?.slice(0, 500) ?? null, at: step.at, source })))
    .orIgnore()
    .execute();
}
