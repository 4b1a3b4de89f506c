import { Injectable } from '@nestjs/common';
import { conflict, invalid } from '#libs/platform';
import type { EntityManager } from 'typeorm';
import { ownerAccount, platformAccount, type Owner } from './accounts.js';
import { FeeSchedule } from './fee-schedule.service.js';
import { LedgerRepository, type ReferencedEntry } from './ledger.repository.js';
import { LedgerService, type LedgerTransaction, type PostingContext, type PostingLine } from './ledger.service.js';
import { drawInOrder, refundShares, splitPayment, type Shares } from './settlement-rules.js';

/** Payment methods whose money lands in a clearing account of its own (`platform:clearing:<method>`). */
export const SETTLEMENT_METHODS = ['bank_transfer', 'stripe', 'xendit', 'invoice'] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];

/** The idempotency key of each settlement posting: the same event always yields the same key. */
export const SettlementKeys = {
  payment: (orderId: string) => `order:${orderId.toLowerCase()}:paid`,
  completion: (orderId: string) => `order:${orderId.toLowerCase()}:completed`,
  refund: (orderId: string, refundKey: string) => `order:${orderId.toLowerCase()}:refund:${refundKey}`,
  /** `refundKey`: a part of the order sent back on its own (commerce's `order_refunds` id); absent: what was left of the order. */
  refundSent: (orderId: string, refundKey?: string) => `order:${orderId.toLowerCase()}:refund-sent${refundKey ? `:${refundKey}` : ''}`,
  payoutCreated: (payoutId: string) => `payout:${payoutId.toLowerCase()}:created`,
  payoutPaid: (payoutId: string) => `payout:${payoutId.toLowerCase()}:paid`,
  payoutFailed: (payoutId: string) => `payout:${payoutId.toLowerCase()}:failed`,
};

export interface PaymentConfirmed {
  orderId: string;
  sellerId: string;
  /** The seller's cooperative when the order is paid (its member fee applies); absent or null: none. */
  cooperativeId?: string | null;
  method: SettlementMethod;
  /** What the buyer paid for this order, shipping included (IDR minor units). */
  total: number;
  /** The order's lines by category (commission is taken on these; the rest of the total, shipping, is not). Absent: the whole total at the default rate. */
  lines?: Array<{ categorySlug: string; amount: number }>;
  /** One commission rate for the whole order instead of the schedule (e.g. a negotiated export order). */
  commissionBps?: number;
}

export interface OrderCompleted {
  orderId: string;
  /** Optional checks: the owners are read from the order's payment posting. */
  sellerId?: string;
  cooperativeId?: string | null;
}

export interface OrderRefunded {
  orderId: string;
  /** What goes back to the buyer (IDR minor units), at most what was paid less earlier refunds. */
  amount: number;
  reason: string;
  /** Unique per refund of this order (a refund id, a dispute id, `cancelled`): the posting's key is `order:<id>:refund:<key>`. */
  key: string;
  /** `refunds_payable` (default): owed back to the buyer, paid by hand; `gateway`: the gateway refunded it, out of the payment's clearing account. */
  via?: 'refunds_payable' | 'gateway';
}

export interface PayoutMoved {
  payoutId: string;
  /** Exactly one of sellerId / cooperativeId when the payout is created; later steps read it from that posting (given, it must match). */
  sellerId?: string;
  cooperativeId?: string;
  /** Required when created; later steps read it from that posting (given, it must match). */
  amount?: number;
  reason?: string;
}

/** What the ledger says about one order. */
interface OrderLedger {
  payment: { clearing: string; seller: Owner; cooperative: Owner | null; paid: Shares } | null;
  /** held account → what is still held there for this order (as the owner reads it). */
  heldLeft: Map<string, number>;
  refunded: Shares;
  refundedTotal: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFUND_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

function uuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalid(field, 'must be a UUID');
  return value.toLowerCase();
}

/**
 * The settlement rules as ledger postings (DESIGN.md "Money flow"). Each method is one call from a
 * subscriber, in its transaction, with a deterministic idempotency key (SettlementKeys): a replay
 * returns the first posting and moves nothing. Amounts are integers of IDR minor units.
 *
 * - payment confirmed: clearing:<method> ← total; the seller's `held` gets the sale less commission
 *   and cooperative fee, the platform's `commission` and the cooperative's `held` their parts.
 * - completion: the order's money still held moves to `available` (seller and cooperative); what the
 *   owner owes (`owed`) is paid off from it first.
 * - refund: each party gives back its proportional part (settlement-rules.ts, refundShares): from
 *   the order's held money before release, after release from `available` and, for what that
 *   lacks, into `owed`; credited to `refunds_payable` (or back to the gateway's clearing account).
 * - payouts: created `available` → `in_transit`; paid `in_transit` → `payouts_clearing`; failed
 *   `in_transit` → `available` (paying off `owed` first).
 */
@Injectable()
export class SettlementPostings {
  constructor(
    private readonly ledger: LedgerService,
    private readonly repo: LedgerRepository,
    private readonly fees: FeeSchedule,
  ) {}

  /** A confirmed payment (admin, gateway): the order's money goes to held, commission and cooperative fee out. Null for a zero total. */
  async paymentConfirmed(manager: EntityManager, input: PaymentConfirmed): Promise<LedgerTransaction | null> {
    const orderId = uuid(input.orderId, 'orderId');
    const seller: Owner = { type: 'seller', id: uuid(input.sellerId, 'sellerId') };
    const cooperative: Owner | null = input.cooperativeId ? { type: 'cooperative', id: uuid(input.cooperativeId, 'cooperativeId') } : null;
    if (!(SETTLEMENT_METHODS as readonly string[]).includes(input.method)) throw invalid('method', `must be one of ${SETTLEMENT_METHODS.join(', ')}`);
    if (input.total === 0) return null;
    const key = SettlementKeys.payment(orderId);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;

    const lines = input.lines ?? [{ categorySlug: '', amount: input.total }];
    const bps =
      input.commissionBps !== undefined ? lines.map(() => input.commissionBps!) : input.lines ? await this.fees.commissionBps(lines, manager) : [(await this.fees.commission(manager)).defaultBps];
    const cooperativeFeeBps = cooperative ? await this.fees.cooperativeFeeBps(cooperative.id, manager) : 0;
    const split = splitPayment({ total: input.total, lines: lines.map((line, i) => ({ amount: line.amount, bps: bps[i]! })), cooperativeFeeBps });

    const held = ownerAccount(seller, 'held');
    const entries: PostingLine[] = [
      { account: platformAccount('clearing', input.method), amount: split.total, type: 'payment' },
      { account: held, amount: -split.total, type: 'sale' },
      { account: held, amount: split.commission, type: 'commission' },
      { account: platformAccount('commission'), amount: -split.commission, type: 'commission' },
    ];
    if (cooperative)
      entries.push({ account: held, amount: split.cooperativeFee, type: 'cooperative_fee' }, { account: ownerAccount(cooperative, 'held'), amount: -split.cooperativeFee, type: 'cooperative_fee' });
    return this.ledger.postWith(manager, {
      key,
      kind: 'payment',
      description: `Payment of order ${orderId} (${input.method})`,
      reference: { type: 'order', id: orderId },
      metadata: { ...split, method: input.method, sellerId: seller.id, cooperativeId: cooperative?.id ?? null, commissionBps: bps, cooperativeFeeBps },
      accounts: entries.map((e) => e.account),
      entries: async () => entries,
    });
  }

  /** The order completed: its money still held moves to available, paying off `owed` first. 409 while its payment is not posted (retry later). */
  async orderCompleted(manager: EntityManager, input: OrderCompleted): Promise<LedgerTransaction | null> {
    const orderId = uuid(input.orderId, 'orderId');
    const key = SettlementKeys.completion(orderId);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;
    const payment = await this.paymentOf(manager, orderId, input);
    const owners = [payment.seller, ...(payment.cooperative ? [payment.cooperative] : [])];
    return this.ledger.postWith(manager, {
      key,
      kind: 'release',
      description: `Order ${orderId} completed: held money released`,
      reference: { type: 'order', id: orderId },
      accounts: owners.flatMap((owner) => [ownerAccount(owner, 'held'), ownerAccount(owner, 'available'), ownerAccount(owner, 'owed')]),
      entries: async (context) => {
        const state = await this.orderLedger(context.manager, orderId);
        const lines: PostingLine[] = [];
        for (const owner of owners) {
          const held = ownerAccount(owner, 'held');
          const available = ownerAccount(owner, 'available');
          const release = Math.min(state.heldLeft.get(held) ?? 0, context.balance(held));
          if (release <= 0) continue;
          lines.push({ account: held, amount: release, type: 'release' }, { account: available, amount: -release, type: 'release' });
          lines.push(...this.payOffOwed(context, owner, release));
        }
        return lines;
      },
    });
  }

  /** A refund to the buyer of part or all of a paid order (before or after release). 409 beyond what is left to refund. */
  async orderRefunded(manager: EntityManager, input: OrderRefunded): Promise<LedgerTransaction | null> {
    const orderId = uuid(input.orderId, 'orderId');
    if (typeof input.key !== 'string' || !REFUND_KEY.test(input.key)) throw invalid('key', 'must be 1 to 100 letters, digits or . _ : -');
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw invalid('amount', 'must be a positive integer of minor units');
    if (typeof input.reason !== 'string' || input.reason.length > 300) throw invalid('reason', 'must be at most 300 characters');
    const key = SettlementKeys.refund(orderId, input.key);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;
    const payment = await this.paymentOf(manager, orderId, {});
    const owners: Array<[Owner, keyof Shares]> = [[payment.seller, 'seller'], ...(payment.cooperative ? [[payment.cooperative, 'cooperativeFee'] as [Owner, keyof Shares]] : [])];
    const target = input.via === 'gateway' ? payment.clearing : platformAccount('refunds_payable');
    return this.ledger.postWith(manager, {
      key,
      kind: 'refund',
      description: `Refund of order ${orderId}: ${input.reason}`.slice(0, 500),
      reference: { type: 'order', id: orderId },
      metadata: { amount: input.amount, reason: input.reason, via: input.via ?? 'refunds_payable' },
      accounts: [...owners.flatMap(([owner]) => [ownerAccount(owner, 'held'), ownerAccount(owner, 'available'), ownerAccount(owner, 'owed')]), platformAccount('commission'), target],
      entries: async (context) => {
        const state = await this.orderLedger(context.manager, orderId);
        const left = state.payment!.paid.seller + state.payment!.paid.commission + state.payment!.paid.cooperativeFee - state.refundedTotal;
        if (input.amount > left) throw conflict(`Order ${orderId} has ${left} left to refund`, { errors: [{ field: 'amount', message: `must be at most ${left}` }] });
        const shares = refundShares(state.payment!.paid, state.refunded, input.amount);
        const lines: PostingLine[] = [];
        for (const [owner, share] of owners) {
          const held = ownerAccount(owner, 'held');
          const sources = [
            { account: held, has: Math.min(state.heldLeft.get(held) ?? 0, context.balance(held)) },
            { account: ownerAccount(owner, 'available'), has: context.balance(ownerAccount(owner, 'available')) },
          ];
          for (const draw of drawInOrder(shares[share], sources, ownerAccount(owner, 'owed'))) lines.push({ account: draw.account, amount: draw.amount, type: 'refund' });
        }
        lines.push({ account: platformAccount('commission'), amount: shares.commission, type: 'refund' });
        lines.push({ account: target, amount: -input.amount, type: 'refund' });
        return lines;
      },
    });
  }

  /**
   * The platform sent an order's refund back to the buyer by hand (a bank transfer an admin recorded):
   * refunds_payable → the payment's clearing account, at most what refunds_payable holds for the
   * order. Null when nothing is owed on it (no refund posted yet: post the refund first). `key`: a
   * part of the order sent back on its own (one posting each); absent: what was left of the order.
   */
  async refundSent(manager: EntityManager, input: { orderId: string; amount: number; reference?: string; key?: string }): Promise<LedgerTransaction | null> {
    const orderId = uuid(input.orderId, 'orderId');
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw invalid('amount', 'must be a positive integer of minor units');
    if (input.key !== undefined && (typeof input.key !== 'string' || !REFUND_KEY.test(input.key))) throw invalid('key', 'must be 1 to 100 letters, digits or . _ : -');
    const key = SettlementKeys.refundSent(orderId, input.key);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;
    const payment = await this.paymentOf(manager, orderId, {});
    const payable = platformAccount('refunds_payable');
    return this.ledger.postWith(manager, {
      key,
      kind: 'refund_sent',
      description: `Refund of order ${orderId} sent back to the buyer${input.reference ? ` (${input.reference})` : ''}`.slice(0, 500),
      reference: { type: 'order', id: orderId },
      metadata: { amount: input.amount, reference: input.reference ?? null },
      accounts: [payable, payment.clearing],
      entries: async (context) => {
        const entries = await this.repo.referencedEntries(context.manager, 'order', orderId);
        const owed = -entries.filter((e) => e.account === payable).reduce((sum, e) => sum + e.amount, 0);
        const amount = Math.min(owed, input.amount);
        if (amount <= 0) return null;
        return [
          { account: payable, amount, type: 'refund' },
          { account: payment.clearing, amount: -amount, type: 'refund' },
        ];
      },
    });
  }

  /** What is left to refund of an order (its posted payment less the refunds posted so far); 0 when no payment is posted. */
  async refundable(manager: EntityManager, orderId: string): Promise<number> {
    const state = await this.orderLedger(manager, uuid(orderId, 'orderId'));
    if (!state.payment) return 0;
    const paid = state.payment.paid;
    return paid.seller + paid.commission + paid.cooperativeFee - state.refundedTotal;
  }

  /** A payout was created for this money: available → in transit (409 when available is short). */
  async payoutCreated(manager: EntityManager, input: PayoutMoved): Promise<LedgerTransaction> {
    const payoutId = uuid(input.payoutId, 'payoutId');
    const key = SettlementKeys.payoutCreated(payoutId);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;
    const owner = this.ownerOf(input);
    if (!Number.isSafeInteger(input.amount) || input.amount! <= 0) throw invalid('amount', 'must be a positive integer of minor units');
    return this.ledger.post(manager, {
      key,
      kind: 'payout',
      description: `Payout ${payoutId}`,
      reference: { type: 'payout', id: payoutId },
      metadata: { ownerType: owner.type, ownerId: owner.id, amount: input.amount },
      entries: [
        { account: ownerAccount(owner, 'available'), amount: input.amount!, type: 'payout' },
        { account: ownerAccount(owner, 'in_transit'), amount: -input.amount!, type: 'payout' },
      ],
    });
  }

  /** The payout was sent to the bank or gateway: its money is already in transit since it was created (this posts it if that was missed). */
  payoutSent(manager: EntityManager, input: PayoutMoved): Promise<LedgerTransaction> {
    return this.payoutCreated(manager, input);
  }

  /** The bank or gateway paid it: in transit → paid out. 409 if it failed before, or was never created. */
  async payoutPaid(manager: EntityManager, input: PayoutMoved): Promise<LedgerTransaction | null> {
    const payoutId = uuid(input.payoutId, 'payoutId');
    const key = SettlementKeys.payoutPaid(payoutId);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;
    const { owner, amount } = await this.createdPayout(manager, payoutId, input);
    const inTransit = ownerAccount(owner, 'in_transit');
    return this.ledger.postWith(manager, {
      key,
      kind: 'payout_paid',
      description: `Payout ${payoutId} paid`,
      reference: { type: 'payout', id: payoutId },
      accounts: [inTransit, platformAccount('payouts_clearing')],
      entries: async (context) => {
        if (await this.ledger.find(context.manager, SettlementKeys.payoutFailed(payoutId))) throw conflict(`Payout ${payoutId} has failed; it cannot be paid`);
        return [
          { account: inTransit, amount, type: 'payout' },
          { account: platformAccount('payouts_clearing'), amount: -amount, type: 'payout' },
        ];
      },
    });
  }

  /** The payout failed: its money returns to available (paying off `owed` first). 409 if it was paid. */
  async payoutFailed(manager: EntityManager, input: PayoutMoved): Promise<LedgerTransaction | null> {
    const payoutId = uuid(input.payoutId, 'payoutId');
    const key = SettlementKeys.payoutFailed(payoutId);
    const existing = await this.ledger.find(manager, key);
    if (existing) return existing;
    const { owner, amount } = await this.createdPayout(manager, payoutId, input);
    const inTransit = ownerAccount(owner, 'in_transit');
    const available = ownerAccount(owner, 'available');
    return this.ledger.postWith(manager, {
      key,
      kind: 'payout_failed',
      description: `Payout ${payoutId} failed${input.reason ? `: ${input.reason}` : ''}`.slice(0, 500),
      reference: { type: 'payout', id: payoutId },
      metadata: input.reason ? { reason: input.reason } : null,
      accounts: [inTransit, available, ownerAccount(owner, 'owed')],
      entries: async (context) => {
        if (await this.ledger.find(context.manager, SettlementKeys.payoutPaid(payoutId))) throw conflict(`Payout ${payoutId} was paid; it cannot fail`);
        return [{ account: inTransit, amount, type: 'payout_reversal' }, { account: available, amount: -amount, type: 'payout_reversal' }, ...this.payOffOwed(context, owner, amount)];
      },
    });
  }

  /** Lines paying off what the owner owes from money just credited to its available account. */
  private payOffOwed(context: PostingContext, owner: Owner, credited: number): PostingLine[] {
    const owed = ownerAccount(owner, 'owed');
    const settle = Math.min(context.balance(owed), credited);
    if (settle <= 0) return [];
    return [
      { account: ownerAccount(owner, 'available'), amount: settle, type: 'adjustment' },
      { account: owed, amount: -settle, type: 'adjustment' },
    ];
  }

  private ownerOf(input: PayoutMoved): Owner {
    if (!!input.sellerId === !!input.cooperativeId) throw invalid('sellerId', 'give exactly one of sellerId and cooperativeId');
    return input.sellerId ? { type: 'seller', id: uuid(input.sellerId, 'sellerId') } : { type: 'cooperative', id: uuid(input.cooperativeId, 'cooperativeId') };
  }

  private async createdPayout(manager: EntityManager, payoutId: string, input: PayoutMoved): Promise<{ owner: Owner; amount: number }> {
    const created = await this.ledger.find(manager, SettlementKeys.payoutCreated(payoutId));
    if (!created) throw conflict(`Payout ${payoutId} has no ledger posting yet`);
    const line = created.entries.find((e) => e.account.endsWith(':in_transit'))!;
    const [type, id] = line.account.split(':') as ['seller' | 'cooperative', string];
    const owner: Owner = { type, id };
    const amount = -line.amount;
    if (input.amount !== undefined && input.amount !== amount) throw conflict(`Payout ${payoutId} moved ${amount}, not ${input.amount}`);
    if ((input.sellerId && (type !== 'seller' || input.sellerId.toLowerCase() !== id)) || (input.cooperativeId && (type !== 'cooperative' || input.cooperativeId.toLowerCase() !== id))) {
      throw conflict(`Payout ${payoutId} belongs to ${type} ${id}`);
    }
    return { owner, amount };
  }

  private async paymentOf(manager: EntityManager, orderId: string, check: { sellerId?: string; cooperativeId?: string | null }): Promise<NonNullable<OrderLedger['payment']>> {
    const { payment } = await this.orderLedger(manager, orderId);
    if (!payment) throw conflict(`Order ${orderId} has no payment in the ledger yet`);
    if (check.sellerId && check.sellerId.toLowerCase() !== payment.seller.id) throw invalid('sellerId', 'is not the seller the payment was posted for');
    if (check.cooperativeId && check.cooperativeId.toLowerCase() !== payment.cooperative?.id) throw invalid('cooperativeId', 'is not the cooperative the payment was posted for');
    return payment;
  }

  /** Reads an order's postings: what its payment gave each party, what is still held for it, what was refunded. */
  private async orderLedger(manager: EntityManager, orderId: string): Promise<OrderLedger> {
    const entries = await this.repo.referencedEntries(manager, 'order', orderId);
    const paymentKey = SettlementKeys.payment(orderId);
    const paymentLines = entries.filter((e) => e.transactionKey === paymentKey);
    const heldLeft = new Map<string, number>();
    for (const e of entries) if (e.kind === 'held') heldLeft.set(e.account, (heldLeft.get(e.account) ?? 0) - e.amount);
    const refunds = entries.filter((e) => e.transactionKind === 'refund');
    const sum = (lines: ReferencedEntry[], test: (e: ReferencedEntry) => boolean) => lines.filter(test).reduce((total, e) => total + e.amount, 0);
    const refunded: Shares = {
      seller: sum(refunds, (e) => e.ownerType === 'seller'),
      commission: sum(refunds, (e) => e.kind === 'commission'),
      cooperativeFee: sum(refunds, (e) => e.ownerType === 'cooperative'),
    };
    const refundedTotal = -sum(refunds, (e) => e.kind === 'refunds_payable' || e.kind === 'clearing');
    if (paymentLines.length === 0) return { payment: null, heldLeft, refunded, refundedTotal };
    const clearing = paymentLines.find((e) => e.kind === 'clearing')!;
    const sellerHeld = paymentLines.find((e) => e.ownerType === 'seller' && e.kind === 'held')!;
    const cooperativeHeld = paymentLines.find((e) => e.ownerType === 'cooperative' && e.kind === 'held');
    const total = clearing.amount;
    const commission = -sum(paymentLines, (e) => e.kind === 'commission');
    const cooperativeFee = -sum(paymentLines, (e) => e.ownerType === 'cooperative');
    return {
      payment: {
        clearing: clearing.account,
        seller: { type: 'seller', id: sellerHeld.ownerId! },
        cooperative: cooperativeHeld ? { type: 'cooperative', id: cooperativeHeld.ownerId! } : null,
        paid: { seller: total - commission - cooperativeFee, commission, cooperativeFee },
      },
      heldLeft,
      refunded,
      refundedTotal,
    };
  }
}
