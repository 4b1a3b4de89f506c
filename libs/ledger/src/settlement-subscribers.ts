import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductsService } from '#libs/catalogue';
import { OrderFacts, OrderPaid, OrderStatusChanged, TransferRefundSent, type OrderStatus } from '#libs/commerce';
import { LOGGER, OnEvent, type Logger } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { DataSource } from 'typeorm';
import { SETTLEMENT_METHODS, SettlementPostings, type SettlementMethod } from './settlement-postings.service.js';

/** Moves after which the ledger may have something to post (completion, a cancellation or refund after payment). */
const SETTLING: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded'];

/** The key of the refund an order's cancellation or refund posts: what is left of its payment goes back at once. */
export const FULL_REFUND_KEY = 'full';

/**
 * The order's life in the ledger (DESIGN.md "Money flow"): commerce's events, after commit, as
 * settlement postings. Each job settles the whole order from what commerce says about it now —
 * payment if it was ever paid, release if it was completed, refund of what is left if it ended
 * cancelled or refunded, and that refund leaving the bank once an admin recorded the transfer back —
 * always in that order and each under its idempotent key, so jobs that
 * run late, twice or out of order post every movement exactly once. Order facts come from
 * commerce's OrderFacts, category slugs from catalogue, the cooperative from sellers.
 */
@Injectable()
export class SettlementSubscribers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orderFacts: OrderFacts,
    private readonly products: ProductsService,
    private readonly sellers: SellersService,
    private readonly postings: SettlementPostings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A confirmed payment: the sale into the seller's held money, commission and cooperative fee out. */
  @OnEvent(OrderPaid, { key: (e) => e.orderId })
  async onOrderPaid(event: { orderId: string }): Promise<void> {
    await this.settle(event.orderId);
  }

  /** Completion releases the held money; a cancellation or refund after payment gives the rest back. */
  @OnEvent(OrderStatusChanged, { key: (e) => e.orderId })
  async onOrderStatusChanged(event: { orderId: string; from: OrderStatus; to: OrderStatus }): Promise<void> {
    if (!SETTLING.includes(event.to) || event.from === 'pending_payment') return;
    await this.settle(event.orderId);
  }

  /** An admin sent a bank-transfer refund back: what refunds_payable holds for the order leaves the bank's clearing account. */
  @OnEvent(TransferRefundSent, { key: (e) => e.orderId })
  async onTransferRefundSent(event: { orderId: string }): Promise<void> {
    await this.settle(event.orderId);
  }

  /** Posts what the order's life so far means for the ledger (nothing twice). */
  async settle(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const facts = await this.orderFacts.settlementFacts(orderId, manager);
      if (!facts || facts.totalAmount <= 0) return;
      const statuses = new Set(facts.history.map((h) => h.status));
      if (!statuses.has('paid')) return;
      if (!(SETTLEMENT_METHODS as readonly string[]).includes(facts.paymentMethod)) {
        this.logger.error({ orderId, method: facts.paymentMethod }, 'order paid by a method the ledger has no clearing account for; not posted');
        return;
      }
      const method = facts.paymentMethod as SettlementMethod;
      const productIds = [...new Set(facts.lines.map((line) => line.productId))];
      const products = new Map((await this.products.findByIds(productIds, manager)).map((p) => [p.id, p]));
      const [seller] = await this.sellers.findByIds([facts.sellerId]);
      await this.postings.paymentConfirmed(manager, {
        orderId,
        sellerId: facts.sellerId,
        cooperativeId: seller?.cooperativeId ?? null,
        method,
        total: facts.totalAmount,
        lines: facts.lines.map((line) => ({ categorySlug: products.get(line.productId)?.categorySlug ?? '', amount: line.amount })),
      });
      if (statuses.has('completed')) await this.postings.orderCompleted(manager, { orderId });
      if (facts.status === 'cancelled' || facts.status === 'refunded') {
        const left = await this.postings.refundable(manager, orderId);
        if (left > 0) {
          await this.postings.orderRefunded(manager, {
            orderId,
            amount: left,
            key: FULL_REFUND_KEY,
            reason: facts.status === 'cancelled' ? 'order cancelled after payment' : 'order refunded',
            // A card payment goes back through Stripe; a bank transfer is owed back by hand (GET /transfer-refunds).
            via: method === 'stripe' ? 'gateway' : 'refunds_payable',
          });
        }
        // Sent back by hand (an admin recorded the transfer): refunds_payable is paid out of the bank.
        if (method !== 'stripe' && facts.refundedAmount > 0) await this.postings.refundSent(manager, { orderId, amount: facts.refundedAmount });
      }
      // Parts of the order sent back by hand (a dispute's partial refund, posted to refunds_payable by disputes), each once.
      if (method !== 'stripe') {
        for (const part of facts.refunds) if (part.status === 'sent') await this.postings.refundSent(manager, { orderId, amount: part.amount, key: `part:${part.id}` });
      }
    });
  }
}
