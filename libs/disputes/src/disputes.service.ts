import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import { MediaService } from '#libs/catalogue';
import { OrderFacts, OrderHistory, OrderRefunds, OrderStatusChanged, OrderTransitions } from '#libs/commerce';
import { hasRole, UsersService, type SignedInUser } from '#libs/identity';
import { SettlementPostings } from '#libs/ledger';
import {
  APP_CONFIG,
  conflict,
  forbidden,
  invalid,
  JobQueue,
  LOGGER,
  notFound,
  NotifyJob,
  OnEventInTransaction,
  paged,
  Scheduled,
  type AppConfig,
  type Logger,
  type Money,
  type Paged,
} from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import { DataSource, type EntityManager } from 'typeorm';
import type { DecisionDto, OpenDisputeDto, RespondDto } from './disputes.dto.js';

/** Days a seller has to answer a dispute before it is accepted for them. */
export const SELLER_RESPONSE_DAYS = 3;

export const DISPUTE_STATUSES = ['open', 'rejected', 'offered', 'escalated', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export type DisputeOutcome = 'refund' | 'partial_refund' | 'release';
type AuthorRole = 'buyer' | 'seller' | 'staff' | 'system';
type Action = 'opened' | 'accept' | 'reject' | 'offer' | 'escalate' | 'accept_offer' | 'decision' | 'auto_accept';

interface DisputeRow {
  id: string;
  order_id: string;
  buyer_id: string;
  seller_id: string;
  status: DisputeStatus;
  reason: string;
  description: string;
  requested: 'refund' | 'partial_refund' | 'return';
  requested_amount: string | null;
  offered_amount: string | null;
  photo_ids: string[];
  seller_due_at: Date;
  outcome: DisputeOutcome | null;
  outcome_amount: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface MessageRow {
  id: string;
  dispute_id: string;
  author_id: string | null;
  author_role: AuthorRole;
  action: Action;
  message: string | null;
  amount: string | null;
  created_at: Date;
}

/** What the caller is to a dispute. */
export interface DisputeParties {
  buyer: boolean;
  seller: boolean;
  staff: boolean;
}

export interface DisputeView {
  id: string;
  orderId: string;
  buyerId: string;
  sellerId: string;
  status: DisputeStatus;
  reason: string;
  description: string;
  requested: string;
  amount?: Money;
  offered?: Money;
  photos: Array<{ id: string; url: string }>;
  sellerDueAt: string;
  outcome?: DisputeOutcome;
  outcomeAmount?: Money;
  resolvedAt?: string;
  createdAt: string;
  /** What the caller may do now: respond (seller), escalate / accept_offer (buyer), decide (staff in scope). */
  actions: string[];
  thread?: Array<{ at: string; authorId: string | null; authorName: string | null; role: AuthorRole; action: Action; message?: string; amount?: Money }>;
}

const idr = (amount: number): Money => ({ amount, currency: 'IDR' });
const num = (value: string | null): number | null => (value === null ? null : Number(value));
const UNRESOLVED = `status <> 'resolved'`;

/**
 * Disputes (komplain, API.md "Disputes"): a buyer complains about a shipped or delivered order within
 * DISPUTE_WINDOW_HOURS of delivery; the seller accepts, rejects or offers a partial refund within 3
 * days (silence = accepted); the buyer may accept an offer or escalate; an admin or a curator of the
 * seller's regency decides (audited). While a dispute is unresolved the order cannot complete.
 *
 * Outcomes: `refund` moves the order to `refunded` through commerce as the platform (role admin, so
 * a card payment goes back through commerce's Stripe refund job and a transfer lands on the
 * transfers-owed list; the ledger's own OrderStatusChanged subscriber posts the full refund);
 * `partial_refund` records the part owed back in commerce (`OrderRefunds.refundPart`, key
 * `dispute:<id>`: a Stripe refund of it, or a line on the transfers-owed list), posts a partial
 * `orderRefunded` (the same key) and notes the amount on the order's history; a later dispute on the
 * same order, or a full refund, gives back only what is left; `release` closes the dispute. A `return` request accepted by the seller resolves
 * as a full refund (the return of the goods is arranged between the parties; no receipt step yet).
 */
@Injectable()
export class DisputesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orderFacts: OrderFacts,
    private readonly transitions: OrderTransitions,
    private readonly history: OrderHistory,
    private readonly refunds: OrderRefunds,
    private readonly access: SellerAccess,
    private readonly sellers: SellersService,
    private readonly media: MediaService,
    private readonly users: UsersService,
    private readonly postings: SettlementPostings,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether the buyer may open a dispute on this order now (the order page's cheap check). */
  async canOpen(user: SignedInUser, orderId: string): Promise<{ ok: true } | { ok: false; status: 404 | 409 | 422; detail: string }> {
    const facts = await this.orderFacts.facts(orderId);
    if (!facts || facts.order.buyerId !== user.id) return { ok: false, status: 404, detail: 'Order not found' };
    const { order, deliveredAt } = facts;
    if (order.status !== 'shipped' && order.status !== 'delivered')
      return { ok: false, status: 409, detail: `A dispute can be opened only on a shipped or delivered order (this one is ${order.status})` };
    if (order.status === 'delivered' && deliveredAt && Date.now() > deliveredAt.getTime() + this.config.disputeWindowHours * 3_600_000) {
      return { ok: false, status: 422, detail: `Disputes are open for ${this.config.disputeWindowHours} hours after delivery` };
    }
    const [open] = await this.dataSource.query(`SELECT id FROM disputes WHERE order_id = $1 AND ${UNRESOLVED}`, [orderId]);
    if (open) return { ok: false, status: 409, detail: 'This order already has an open dispute' };
    return { ok: true };
  }

  async open(user: SignedInUser, orderId: string, dto: OpenDisputeDto): Promise<{ id: string; status: 'open'; sellerDueAt: string }> {
    const check = await this.canOpen(user, orderId);
    if (!check.ok) {
      if (check.status === 404) throw notFound('Order');
      if (check.status === 422) throw invalid('orderId', check.detail);
      throw conflict(check.detail);
    }
    const photoIds = dto.photoIds ?? [];
    if ((await this.media.uploadedBy(user.id, photoIds)).length !== photoIds.length) throw invalid('photoIds', 'must be photos you uploaded');
    if (dto.requested === 'partial_refund' && !dto.amount) throw invalid('amount', 'is required for a partial refund');
    const amount = dto.requested === 'partial_refund' ? dto.amount!.amount : null;
    return this.dataSource.transaction(async (manager) => {
      // The order's row lock orders this against a completion happening at the same moment.
      const facts = (await this.orderFacts.facts(orderId, manager, true))!;
      if (facts.order.status !== 'shipped' && facts.order.status !== 'delivered') throw conflict(`A dispute can be opened only on a shipped or delivered order (this one is ${facts.order.status})`);
      if (amount !== null && amount >= facts.left) {
        throw invalid('amount', `must be less than the order's total left, ${facts.left} (ask for a refund instead)`);
      }
      const dueAt = new Date(Date.now() + SELLER_RESPONSE_DAYS * 86_400_000);
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO disputes (order_id, buyer_id, seller_id, reason, description, requested, requested_amount, photo_ids, seller_due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9) ON CONFLICT DO NOTHING RETURNING id`,
        [orderId, user.id, facts.order.sellerId, dto.reason, dto.description, dto.requested, amount, photoIds, dueAt],
      );
      if (!rows[0]) throw conflict('This order already has an open dispute');
      const id = rows[0].id;
      await this.message(manager, id, user.id, 'buyer', 'opened', dto.description, amount);
      await this.notifySeller(manager, facts.order.sellerId, 'dispute.opened', { disputeId: id, orderId });
      return { id, status: 'open' as const, sellerDueAt: dueAt.toISOString() };
    });
  }

  async respond(user: SignedInUser, id: string, dto: RespondDto): Promise<DisputeView> {
    const { dispute, parties } = await this.visible(user, id);
    if (!parties.seller) throw forbidden('Only the seller’s managers answer a dispute');
    await this.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      if (row.status !== 'open') throw conflict(`This dispute is ${row.status}; the seller answers only an open dispute`);
      if (dto.action === 'accept') {
        await this.message(manager, id, user.id, 'seller', 'accept', dto.message, null);
        await this.resolveRequested(manager, row, user.id, 'Seller accepted the dispute');
      } else if (dto.action === 'reject') {
        await manager.query(`UPDATE disputes SET status = 'rejected', updated_at = now() WHERE id = $1`, [id]);
        await this.message(manager, id, user.id, 'seller', 'reject', dto.message, null);
        await this.notifyBuyer(manager, row, 'dispute.rejected');
      } else {
        if (!dto.amount) throw invalid('amount', 'is required for an offer');
        const facts = (await this.orderFacts.facts(row.order_id, manager))!;
        const left = facts.left;
        if (dto.amount.amount >= left) throw invalid('amount', `must be less than the order's total left, ${left} (accept instead)`);
        await manager.query(`UPDATE disputes SET status = 'offered', offered_amount = $2, updated_at = now() WHERE id = $1`, [id, dto.amount.amount]);
        await this.message(manager, id, user.id, 'seller', 'offer', dto.message, dto.amount.amount);
        await this.notifyBuyer(manager, row, 'dispute.offered');
      }
    });
    return this.view(user, dispute.id);
  }

  async escalate(user: SignedInUser, id: string, message?: string): Promise<DisputeView> {
    const { parties } = await this.visible(user, id);
    if (!parties.buyer) throw forbidden('Only the buyer escalates a dispute');
    await this.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      if (row.status !== 'rejected' && row.status !== 'offered') throw conflict(`A dispute is escalated after the seller rejects it or makes an offer (this one is ${row.status})`);
      await manager.query(`UPDATE disputes SET status = 'escalated', updated_at = now() WHERE id = $1`, [id]);
      await this.message(manager, id, user.id, 'buyer', 'escalate', message ?? null, null);
      await this.notifySeller(manager, row.seller_id, 'dispute.escalated', { disputeId: id, orderId: row.order_id });
    });
    return this.view(user, id);
  }

  async acceptOffer(user: SignedInUser, id: string, message?: string): Promise<DisputeView> {
    const { parties } = await this.visible(user, id);
    if (!parties.buyer) throw forbidden('Only the buyer accepts the seller’s offer');
    await this.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      if (row.status !== 'offered') throw conflict(`There is no offer to accept (this dispute is ${row.status})`);
      await this.message(manager, id, user.id, 'buyer', 'accept_offer', message ?? null, num(row.offered_amount));
      await this.resolve(manager, row, 'partial_refund', num(row.offered_amount)!, user.id, 'Buyer accepted the seller’s offer');
    });
    return this.view(user, id);
  }

  /** An admin's or an in-scope curator's decision on an escalated dispute, audited in its transaction. */
  async decide(user: SignedInUser, id: string, dto: DecisionDto): Promise<DisputeView> {
    // Staff only (the route says so): a curator outside the seller's regency gets 403 (DESIGN.md "Curator scope").
    const [exists]: DisputeRow[] = await this.dataSource.query(`SELECT * FROM disputes WHERE id = $1`, [id]);
    if (!exists) throw notFound('Dispute');
    if (!(await this.access.inCuratorScope(user, [exists.seller_id])).has(exists.seller_id)) throw forbidden('Only an admin or a curator of the seller’s regency decides a dispute');
    if (dto.outcome === 'partial_refund' && !dto.amount) throw invalid('amount', 'is required for a partial refund');
    await this.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      if (row.status !== 'escalated') throw conflict(`Only an escalated dispute is decided (this one is ${row.status})`);
      const amount = dto.outcome === 'partial_refund' ? dto.amount!.amount : dto.outcome === 'refund' ? null : 0;
      await this.message(manager, id, user.id, 'staff', 'decision', `${dto.outcome}: ${dto.reason}`, dto.outcome === 'partial_refund' ? amount : null);
      await this.resolve(manager, row, dto.outcome, amount, user.id, `Dispute decided (${dto.outcome}): ${dto.reason}`);
      const seller = await this.sellers.findById(row.seller_id);
      await this.audit.record(manager, {
        actorId: user.id,
        action: `dispute.${dto.outcome}`,
        subjectType: 'dispute',
        subjectId: id,
        reason: dto.reason,
        data: { orderId: row.order_id, sellerId: row.seller_id, ...(amount ? { amount } : {}) },
        regency: seller?.regency ?? null,
      });
    });
    return this.view(user, id);
  }

  /**
   * Sellers silent until `sellerDueAt`: the dispute is accepted for them (what the buyer asked for).
   * A schedule, so it runs once per tick across processes; each dispute in its own transaction, and
   * one that fails (its order's money not yet posted, say) is logged and tried at the next tick.
   */
  @Scheduled(15 * 60_000)
  async acceptOverdue(): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM disputes WHERE status = 'open' AND seller_due_at <= now() ORDER BY seller_due_at LIMIT 200`);
    let accepted = 0;
    for (const { id } of due) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const row = await this.locked(manager, id);
          if (row.status !== 'open' || row.seller_due_at.getTime() > Date.now()) return;
          await this.message(manager, id, null, 'system', 'auto_accept', null, null);
          await this.resolveRequested(manager, row, null, `The seller did not answer within ${SELLER_RESPONSE_DAYS} days: dispute accepted`);
          accepted++;
        });
      } catch (error) {
        this.logger.warn({ err: error, disputeId: id }, 'overdue dispute not accepted; next tick tries again');
      }
    }
    return accepted;
  }

  /** An unresolved dispute stops its order from completing: the throw rolls the completion back (409). */
  @OnEventInTransaction(OrderStatusChanged)
  async blockCompletion(payloads: Array<{ orderId: string; to: string }>, manager: EntityManager): Promise<void> {
    const completing = payloads.filter((p) => p.to === 'completed').map((p) => p.orderId);
    if (completing.length === 0) return;
    const open: Array<{ order_id: string }> = await manager.query(`SELECT order_id FROM disputes WHERE order_id = ANY($1::uuid[]) AND ${UNRESOLVED} LIMIT 1`, [completing]);
    if (open.length) throw conflict('An open dispute stops this order from completing until it is resolved', { errors: [{ field: 'to', message: 'the order has an open dispute' }] });
  }

  async list(user: SignedInUser, query: { page: number; perPage: number; status?: DisputeStatus }): Promise<Paged<DisputeView>> {
    const managed = await this.access.managedBy(user);
    const admin = hasRole(user, 'admin');
    const curator = hasRole(user, 'curator');
    const where = `(d.buyer_id = $1 OR d.seller_id = ANY($2::uuid[]) OR $3
       OR ($4 AND ($5::text IS NULL OR d.seller_id IN (SELECT s.id FROM sellers_public_v s WHERE s.regency = $5))))
       AND ($6::text IS NULL OR d.status = $6)`;
    const params = [user.id, managed, admin, curator, user.regency, query.status ?? null];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM disputes d WHERE ${where}`, params);
    const rows: DisputeRow[] = await this.dataSource.query(`SELECT d.* FROM disputes d WHERE ${where} ORDER BY d.created_at DESC, d.id LIMIT $7 OFFSET $8`, [
      ...params,
      query.perPage,
      (query.page - 1) * query.perPage,
    ]);
    const parties = await this.partiesOf(user, rows);
    return paged(await this.views(rows, parties, false), total, query);
  }

  async view(user: SignedInUser, id: string): Promise<DisputeView> {
    const { dispute, parties } = await this.visible(user, id);
    const [view] = await this.views([dispute], new Map([[dispute.id, parties]]), true);
    return view!;
  }

  /** The dispute and what the caller is to it; 404 when it is none of their business. */
  async visible(user: SignedInUser, id: string): Promise<{ dispute: DisputeRow; parties: DisputeParties }> {
    const [dispute]: DisputeRow[] = await this.dataSource.query(`SELECT * FROM disputes WHERE id = $1`, [id]);
    if (!dispute) throw notFound('Dispute');
    const parties = (await this.partiesOf(user, [dispute])).get(dispute.id)!;
    if (!parties.buyer && !parties.seller && !parties.staff) throw notFound('Dispute');
    return { dispute, parties };
  }

  /** The newest dispute of an order that the caller may see (buyer, seller's manager, staff in scope), if any. */
  async forOrder(user: SignedInUser, orderId: string): Promise<{ id: string; status: DisputeStatus } | null> {
    const rows: DisputeRow[] = await this.dataSource.query(`SELECT * FROM disputes WHERE order_id = $1 ORDER BY created_at DESC LIMIT 1`, [orderId]);
    const parties = (await this.partiesOf(user, rows)).get(rows[0]?.id ?? '');
    return rows[0] && parties && (parties.buyer || parties.seller || parties.staff) ? { id: rows[0].id, status: rows[0].status } : null;
  }

  private async partiesOf(user: SignedInUser, rows: DisputeRow[]): Promise<Map<string, DisputeParties>> {
    const sellerIds = [...new Set(rows.map((r) => r.seller_id))];
    const [managed, scope] = await Promise.all([this.access.manageable(user, sellerIds), this.access.inCuratorScope(user, sellerIds)]);
    return new Map(rows.map((r) => [r.id, { buyer: r.buyer_id === user.id, seller: managed.has(r.seller_id), staff: scope.has(r.seller_id) }]));
  }

  private async views(rows: DisputeRow[], parties: Map<string, DisputeParties>, withThread: boolean): Promise<DisputeView[]> {
    if (rows.length === 0) return [];
    const messages: MessageRow[] = withThread ? await this.dataSource.query(`SELECT * FROM dispute_messages WHERE dispute_id = ANY($1::uuid[]) ORDER BY created_at, id`, [rows.map((r) => r.id)]) : [];
    const names = await this.users.names([...new Set(messages.map((m) => m.author_id).filter((x): x is string => !!x))]);
    const photos = await this.media.views([...new Set(rows.flatMap((r) => r.photo_ids))]);
    return rows.map((r) => {
      const who = parties.get(r.id)!;
      const actions: string[] = [];
      if (who.seller && r.status === 'open') actions.push('respond');
      if (who.buyer && (r.status === 'rejected' || r.status === 'offered')) actions.push('escalate');
      if (who.buyer && r.status === 'offered') actions.push('accept_offer');
      if (who.staff && r.status === 'escalated') actions.push('decide');
      return {
        id: r.id,
        orderId: r.order_id,
        buyerId: r.buyer_id,
        sellerId: r.seller_id,
        status: r.status,
        reason: r.reason,
        description: r.description,
        requested: r.requested,
        ...(r.requested_amount ? { amount: idr(Number(r.requested_amount)) } : {}),
        ...(r.offered_amount ? { offered: idr(Number(r.offered_amount)) } : {}),
        photos: r.photo_ids.filter((p) => photos.has(p)).map((p) => ({ id: p, url: photos.get(p)!.url })),
        sellerDueAt: r.seller_due_at.toISOString(),
        ...(r.outcome ? { outcome: r.outcome } : {}),
        ...(r.outcome_amount !== null ? { outcomeAmount: idr(Number(r.outcome_amount)) } : {}),
        ...(r.resolved_at ? { resolvedAt: r.resolved_at.toISOString() } : {}),
        createdAt: r.created_at.toISOString(),
        actions,
        ...(withThread
          ? {
              thread: messages
                .filter((m) => m.dispute_id === r.id)
                .map((m) => ({
                  at: m.created_at.toISOString(),
                  authorId: m.author_id,
                  authorName: m.author_id ? (names.get(m.author_id) ?? null) : null,
                  role: m.author_role,
                  action: m.action,
                  ...(m.message ? { message: m.message } : {}),
                  ...(m.amount !== null ? { amount: idr(Number(m.amount)) } : {}),
                })),
            }
          : {}),
      };
    });
  }

  private async locked(manager: EntityManager, id: string): Promise<DisputeRow> {
    const [row]: DisputeRow[] = await manager.query(`SELECT * FROM disputes WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('Dispute');
    return row;
  }

  /** What the buyer asked for: a refund (a return too: see the class comment) or the partial amount. */
  private resolveRequested(manager: EntityManager, row: DisputeRow, actorId: string | null, reason: string): Promise<void> {
    return row.requested === 'partial_refund' ? this.resolve(manager, row, 'partial_refund', num(row.requested_amount)!, actorId, reason) : this.resolve(manager, row, 'refund', null, actorId, reason);
  }

  private async resolve(manager: EntityManager, row: DisputeRow, outcome: DisputeOutcome, amount: number | null, actorId: string | null, reason: string): Promise<void> {
    const facts = (await this.orderFacts.facts(row.order_id, manager, true))!;
    const order = facts.order;
    let given = 0;
    if (outcome === 'refund') {
      // As the platform (role admin): commerce then queues the Stripe refund of a card payment and
      // lists a transfer as owed back; the ledger posts the full refund from OrderStatusChanged.
      const moved = await this.transitions.transitionAs(manager, order.id, 'refunded', reason.slice(0, 500), { id: actorId, role: 'admin' });
      if (!moved) throw conflict(`The order is ${order.status}; it cannot be refunded`);
      given = facts.left;
    } else if (outcome === 'partial_refund') {
      const left = facts.left;
      if (!amount || amount <= 0) throw invalid('amount', 'must be a positive amount');
      if (amount > left) throw invalid('amount', `must be at most ${left}`);
      // Commerce records the part owed back (a Stripe refund of it for a card, the transfers-owed list
      // for a bank transfer), so a later full refund gives back only what is left; the ledger posts it.
      await this.refunds.refundPart(manager, order.id, { amount, reason: reason.slice(0, 500), key: `dispute:${row.id}` });
      await this.postings.orderRefunded(manager, {
        orderId: order.id,
        amount,
        reason: reason.slice(0, 300),
        key: `dispute:${row.id}`,
        via: order.paymentMethod === 'stripe' ? 'gateway' : 'refunds_payable',
      });
      await this.history.note(manager, order, `Dispute resolved: Rp ${(amount / 100).toLocaleString('id-ID')} refunded to the buyer`, 'dispute.partial_refund', {
        id: actorId,
        role: actorId ? 'admin' : 'system',
      });
      given = amount;
    }
    await manager.query(`UPDATE disputes SET status = 'resolved', outcome = $2, outcome_amount = $3, resolved_by = $4, resolved_at = now(), updated_at = now() WHERE id = $1`, [
      row.id,
      outcome,
      given,
      actorId,
    ]);
    const params = { disputeId: row.id, orderId: row.order_id, outcome, amount: idr(given) };
    await this.jobs.enqueue(NotifyJob, { userId: row.buyer_id, kind: `dispute.resolved.${outcome}`, params }, { manager });
    await this.notifySeller(manager, row.seller_id, `dispute.resolved.${outcome}`, params);
  }

  private async message(manager: EntityManager, disputeId: string, authorId: string | null, role: AuthorRole, action: Action, message: string | null, amount: number | null): Promise<void> {
    await manager.query(`INSERT INTO dispute_messages (dispute_id, author_id, author_role, action, message, amount) VALUES ($1, $2, $3, $4, $5, $6)`, [
      disputeId,
      authorId,
      role,
      action,
      message?.trim() || null,
      amount,
    ]);
  }

  private async notifyBuyer(manager: EntityManager, row: DisputeRow, kind: string): Promise<void> {
    await this.jobs.enqueue(NotifyJob, { userId: row.buyer_id, kind, params: { disputeId: row.id, orderId: row.order_id } }, { manager });
  }

  private async notifySeller(manager: EntityManager, sellerId: string, kind: string, params: Record<string, unknown>): Promise<void> {
    const ownerId = (await this.sellers.owners([sellerId], manager)).get(sellerId);
    if (ownerId) await this.jobs.enqueue(NotifyJob, { userId: ownerId, kind, params: { ...params, asSeller: true } }, { manager });
  }
}
