import { HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, LOGGER, Scheduled, type AppConfig, type Logger } from '#libs/platform';
import { DataSource } from 'typeorm';
import { OrderTransitions } from './order-transitions.service.js';

/** Days after shipping an order with no delivery news completes by itself (API.md "Settlement"). */
export const SHIPPED_AUTOCOMPLETE_DAYS = 14;
const BATCH = 100;

export interface AutocompleteResult {
  completed: string[];
  /** Orders whose completion was refused (an open dispute answers 409) or failed; tried again at the next sweep. */
  skipped: Array<{ orderId: string; status: number; detail: string }>;
}

/**
 * Completes, as the system, orders the buyer did not confirm: ORDER_AUTOCOMPLETE_DAYS after
 * delivery, or SHIPPED_AUTOCOMPLETE_DAYS after shipping without delivery news. Each order moves in
 * a transaction of its own, so one whose completion is refused (a subscriber in that transaction,
 * e.g. an open dispute, throws) is logged and skipped and the rest still complete. A graphile-worker
 * cron item: one sweep per tick across every worker; the row lock and the state machine make a
 * buyer's confirmation at the same moment harmless.
 */
@Injectable()
export class OrderAutocomplete {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly transitions: OrderTransitions,
  ) {}

  @Scheduled(15 * 60_000)
  async run(): Promise<void> {
    const result = await this.sweep();
    if (result.completed.length || result.skipped.length) this.logger.info({ completed: result.completed.length, skipped: result.skipped.length }, 'orders completed automatically');
  }

  async sweep(now = new Date()): Promise<AutocompleteResult> {
    const result: AutocompleteResult = { completed: [], skipped: [] };
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const due: Array<{ id: string; status: string }> = await this.dataSource.query(
        `SELECT o.id, o.status FROM orders o
         WHERE o.id > $1 AND (
           (o.status = 'delivered' AND (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.status = 'delivered') < $2::timestamptz - make_interval(days => $3))
           OR (o.status = 'shipped' AND (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.status = 'shipped') < $2::timestamptz - make_interval(days => $4)))
         ORDER BY o.id LIMIT $5`,
        [after, now, this.config.orderAutocompleteDays, SHIPPED_AUTOCOMPLETE_DAYS, BATCH],
      );
      for (const order of due) {
        const reason =
          order.status === 'delivered'
            ? `completed automatically ${this.config.orderAutocompleteDays} days after delivery`
            : `completed automatically ${SHIPPED_AUTOCOMPLETE_DAYS} days after shipping`;
        try {
          const moved = await this.dataSource.transaction((manager) => this.transitions.transitionAs(manager, order.id, 'completed', reason));
          if (moved) result.completed.push(order.id);
        } catch (error) {
          const status = error instanceof HttpException ? error.getStatus() : 500;
          const detail = error instanceof HttpException ? ((error.getResponse() as { detail?: string }).detail ?? error.message) : String(error);
          result.skipped.push({ orderId: order.id, status, detail });
          if (status === 409) this.logger.info({ orderId: order.id, detail }, 'automatic completion refused; the order stays open');
          else this.logger.error({ orderId: order.id, err: error }, 'automatic completion failed');
        }
      }
      if (due.length < BATCH) return result;
      after = due.at(-1)!.id;
    }
  }
}
