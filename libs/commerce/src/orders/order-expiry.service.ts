import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Scheduled, type AppConfig } from '#libs/platform';
import { DataSource } from 'typeorm';
import { CartService } from '../cart/cart.service.js';
import { OrderTransitions } from './order-transitions.service.js';

const BATCH = 100;

/** Cancels orders left unpaid past their pay-by time (ORDER_EXPIRY_MINUTES, or a quote's validity), giving their stock back. */
@Injectable()
export class OrderExpiry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: OrderTransitions,
    private readonly carts: CartService,
  ) {}

  @Scheduled(60_000)
  async run(): Promise<void> {
    while ((await this.expireBatch()) === BATCH);
    await this.carts.forgetStaleGuestCarts();
  }

  /**
   * One batch in one transaction. SKIP LOCKED lets several workers share the work, and
   * skips an order a person or a webhook is moving right now.
   */
  async expireBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: Array<{ id: string }> = await manager.query(
        `SELECT id FROM orders
         WHERE status = 'pending_payment'
           AND (pay_by < now() OR (pay_by IS NULL AND created_at < now() - make_interval(mins => $1)))
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [this.config.orderExpiryMinutes, BATCH],
      );
      for (const order of due) await this.transitions.transitionAs(manager, order.id, 'cancelled', 'not paid in time');
      return due.length;
    });
  }
}
