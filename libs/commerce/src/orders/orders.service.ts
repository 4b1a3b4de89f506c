import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StockService } from '#libs/catalogue';
import { hasRole, type SignedInUser } from '#libs/identity';
import { APP_CONFIG, conflict, DomainEvents, forbidden, invalid, JobQueue, notFound, NotifyJob, paged, type AppConfig, type Paged, type Text } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import { DataSource, In, type EntityManager } from 'typeorm';
import { OrderPaid, OrderStatusChanged } from '../commerce.events.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderLine } from './order-line.entity.js';
import { checkTransition, nextStatuses, type OrderActor, type OrderStatus, type TransitionContext } from './order-state-machine.js';
import { toOrderView, type OrderView } from './order-view.js';
import { Order, type PaymentMethod, type ShippingAddress } from './order.entity.js';
import { paymentReference } from '../payments/bank-transfer.js';
import { enqueuePaymentJobs, PAYMENT_JOBS } from '../payments/payment-jobs.js';
import { Payment } from '../payments/payment.entity.js';
import { refundedParts, refundsOf } from '../payments/order-refunds.service.js';
import { recordTracking } from '../shipping/order-tracking.js';

export interface NewOrderLine {
  productId: string;
  variantId?: string | null;
  title: Text;
  quantity: number;
  /** IDR minor units: today's catalogue price at checkout, the agreed price for a quote. */
  unitPriceAmount: number;
  weightGrams?: number;
  /** False: made to order (an accepted quote, a made-to-order product), so no ready stock is reserved. Default true. */
  fromStock?: boolean;
}

export interface NewOrder {
  buyerId: string;
  sellerId: string;
  lines: NewOrderLine[];
  shippingAddress: ShippingAddress;
  shippingAmount: number;
  shippingZone?: string | null;
  /** The option the buyer chose (or the cheapest), kept on the order. */
  shipping?: { courier: string; service: string; chargedWeightGrams: number };
  /** Made to order: the days it takes to make (a quote's lead time, a product's production days); the order promises to ship by then. */
  shipWithinDays?: number | null;
  paymentMethod: PaymentMethod;
  paymentId?: string | null;
  /** `cart` for a checkout, `quote` for an accepted export quote (`sourceId` = the quote). */
  source?: 'cart' | 'quote';
  sourceId?: string | null;
  /** Hold it unpaid until then, when that is later than ORDER_EXPIRY_MINUTES from now (a quote's validity). */
  payBy?: Date;
}

/** An order's money as the settlement ledger reads it (OrdersService.settlementFacts); amounts in IDR minor units. */
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

export interface TransitionRequest {
  to: OrderStatus;
  trackingNumber?: string;
  /** The courier of a parcel shipped by hand (`jne`, `pos`…), kept with its tracking number. */
  courier?: string;
  reason?: string;
}

export interface OrderActorRef {
  id: string | null;
  role: OrderActor;
}

const SYSTEM: OrderActorRef = { id: null, role: 'system' };

/** Orders: creation (with stock reservation), the state machine's moves with their history, and reading them. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stock: StockService,
    private readonly access: SellerAccess,
    private readonly jobs: JobQueue,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sellers: SellersService,
  ) {}

  /**
   * Creates a pending_payment order in the caller's transaction and reserves its stock
   * (409 naming the product when short: the caller's transaction must then roll back).
   */
  async createOrder(manager: EntityManager, input: NewOrder): Promise<Order> {
    if (input.lines.length === 0) throw invalid('lines', 'must not be empty');
    const subtotal = input.lines.reduce((sum, line) => sum + line.unitPriceAmount * line.quantity, 0);
    // An order outside a checkout (an accepted quote) still needs a reference for the buyer's transfer.
    const paymentId = input.paymentId ?? (input.paymentMethod === 'bank_transfer' ? (await this.openPayment(manager, input.buyerId, 'bank_transfer', subtotal + input.shippingAmount)).id : null);
    const standard = new Date(Date.now() + this.config.orderExpiryMinutes * 60_000);
    const order = await manager.save(
      Order,
      manager.create(Order, {
        buyerId: input.buyerId,
        sellerId: input.sellerId,
        paymentId,
        payBy: input.payBy && input.payBy > standard ? input.payBy : standard,
        status: 'pending_payment',
        subtotalAmount: subtotal,
        shippingAmount: input.shippingAmount,
        totalAmount: subtotal + input.shippingAmount,
        currency: 'IDR',
        shippingAddress: input.shippingAddress,
        shippingZone: input.shippingZone ?? null,
        shippingCourier: input.shipping?.courier ?? null,
        shippingService: input.shipping?.service ?? null,
        chargedWeightGrams: input.shipping?.chargedWeightGrams ?? null,
        shipBy: input.shipWithinDays ? new Date(Date.now() + input.shipWithinDays * 86_400_000).toISOString().slice(0, 10) : null,
        paymentMethod: input.paymentMethod,
        trackingNumber: null,
        source: input.source ?? 'cart',
        sourceId: input.sourceId ?? null,
      }),
    );
    await manager.insert(
      OrderLine,
      input.lines.map((line) => ({
        orderId: order.id,
        productId: line.productId,
        variantId: line.variantId ?? null,
        title: line.title,
        quantity: line.quantity,
        unitPriceAmount: line.unitPriceAmount,
        weightGrams: line.weightGrams ?? 0,
        fromStock: line.fromStock ?? true,
      })),
    );
    // What is made to order is produced within its lead time: it never takes the shelf's ready stock.
    const fromStock = input.lines.filter((l) => l.fromStock ?? true);
    if (fromStock.length) {
      await this.stock.reserve(
        manager,
        fromStock.map((l) => ({ productId: l.productId, variantId: l.variantId ?? null, quantity: l.quantity })),
        order.id,
        input.buyerId,
      );
    }
    await this.record(manager, order, { id: input.buyerId, role: 'buyer' }, null);
    return order;
  }

  /** A pending payment with its own transfer reference (IDR minor units), for a checkout or a lone order. */
  async openPayment(manager: EntityManager, buyerId: string, method: Payment['method'], amount: number): Promise<Payment> {
    return manager.save(Payment, manager.create(Payment, { buyerId, method, status: 'pending', amount, currency: 'IDR', reference: paymentReference() }));
  }

  /** Whether a courier service tracks parcels, so only it (or the buyer) says one arrived. */
  private get transitionContext(): TransitionContext {
    return { tracked: Boolean(this.config.biteshipApiKey) };
  }

  /** A person's move: 404 when the order is not theirs, 409 when the machine forbids it, 403 when their role does. */
  async transition(user: SignedInUser, orderId: string, request: TransitionRequest): Promise<OrderView> {
    // Who the caller is to the order never changes, so it is settled before taking the row lock.
    const existing = await this.dataSource.manager.findOneBy(Order, { id: orderId });
    const actors = existing ? await this.actorsOf(user, existing) : [];
    if (!existing || actors.length === 0) throw notFound('Order');
    await this.dataSource.transaction(async (manager) => {
      const order = await manager.findOneOrFail(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      const check = checkTransition(order.status, request.to, actors, this.transitionContext);
      if (!check.ok && check.reason === 'state') throw conflict(`An order that is ${order.status} cannot become ${request.to}`, { currentStatus: order.status });
      if (!check.ok) throw forbidden(`You may not mark this order ${request.to}`);
      const trackingNumber = request.trackingNumber?.trim();
      if (check.transition.needsTrackingNumber && !trackingNumber) throw invalid('trackingNumber', 'is required to mark an order shipped');
      const role = check.transition.by.find((actor) => actors.includes(actor))!;
      await this.apply(manager, order, request.to, { id: user.id, role }, request.reason?.trim() || null, trackingNumber, request.courier?.trim() || undefined);
    });
    return this.view(user, orderId);
  }

  /**
   * A move made by the platform (Stripe, expiry; `actor` defaults to the system) or by the
   * demo seeder on someone's behalf. Returns false and changes nothing when the machine
   * forbids it, so late or repeated events are harmless.
   */
  async transitionAs(manager: EntityManager, orderId: string, to: OrderStatus, reason: string | null, actor: OrderActorRef = SYSTEM, trackingNumber?: string): Promise<boolean> {
    const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || !checkTransition(order.status, to, [actor.role]).ok) return false;
    await this.apply(manager, order, to, actor, reason, trackingNumber);
    return true;
  }

  /** Moves every order of a payment that the machine allows, as the platform (a gateway's report: paid, expired, refunded). */
  async transitionPayment(manager: EntityManager, paymentId: string, to: OrderStatus, reason: string): Promise<void> {
    const orders = await manager.find(Order, { where: { paymentId }, order: { id: 'ASC' } });
    for (const order of orders) await this.transitionAs(manager, order.id, to, reason);
  }

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

  async view(user: SignedInUser, orderId: string): Promise<OrderView> {
    const order = await this.dataSource.manager.findOne(Order, { where: { id: orderId } });
    const actors = order ? await this.actorsOf(user, order) : [];
    if (!order || actors.length === 0) throw notFound('Order');
    const [view] = await this.views([order], () => actors);
    return view!;
  }

  async listForBuyer(user: SignedInUser, query: { page: number; perPage: number; status?: OrderStatus }): Promise<Paged<OrderView>> {
    const [orders, total] = await this.dataSource.manager.findAndCount(Order, {
      where: { buyerId: user.id, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    return paged(await this.views(orders, () => ['buyer']), total, query);
  }

  /** A seller's orders for its managers (404 unknown seller, 403 someone else's). */
  async listForSeller(user: SignedInUser, sellerId: string, query: { page: number; perPage: number; status?: OrderStatus; sort?: 'newest' | 'ship_by' }): Promise<Paged<OrderView>> {
    await this.access.assertCanManage(user, sellerId);
    const [orders, total] = await this.dataSource.manager.findAndCount(Order, {
      where: { sellerId, ...(query.status ? { status: query.status } : {}) },
      order: query.sort === 'ship_by' ? { shipBy: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'DESC', id: 'ASC' } : { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    return paged(await this.views(orders, (order) => (order.buyerId === user.id ? ['seller', 'buyer'] : ['seller'])), total, query);
  }

  /** The orders of one payment (a checkout), for its buyer. */
  async forPayment(user: SignedInUser, paymentId: string): Promise<OrderView[]> {
    const orders = await this.dataSource.manager.find(Order, { where: { paymentId, buyerId: user.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (orders.length === 0) throw notFound('Payment');
    return this.views(orders, () => ['buyer']);
  }

  /** Moves the order, writes its history row and a notice to each party, and gives stock back on cancel/refund. */
  private async apply(manager: EntityManager, order: Order, to: OrderStatus, actor: OrderActorRef, reason: string | null, trackingNumber?: string, courier?: string) {
    const from = order.status;
    const transition = checkTransition(from, to, [actor.role]);
    await manager.update(Order, { id: order.id }, { status: to, ...(trackingNumber ? { trackingNumber } : {}), ...(courier ? { shippingCourier: courier } : {}) });
    order.status = to;
    if (to === 'shipped' || to === 'delivered') {
      const note = to === 'shipped' ? [courier ?? order.shippingCourier, trackingNumber ?? order.trackingNumber].filter(Boolean).join(' ') : reason;
      await recordTracking(manager, order.id, [{ status: to, note: note || null, at: new Date() }], 'manual');
    }
    if (transition.ok && transition.transition.restocks) {
      const lines = await manager.find(OrderLine, { where: { orderId: order.id, fromStock: true } });
      if (lines.length)
        await this.stock.release(
          manager,
          lines.map((l) => ({ productId: l.productId, variantId: l.variantId, quantity: l.quantity })),
          order.id,
          actor.id,
        );
    }
    if (order.paymentId) await this.settlePayment(manager, order.paymentId);
    // The platform holds card payments: a paid order its seller cancels, or an admin refunds, goes
    // back to the card (a refund Stripe reports is already there: the system's move is not one).
    const givesBack = (from === 'paid' && to === 'cancelled') || (to === 'refunded' && actor.role === 'admin');
    if (givesBack && order.paymentMethod === 'stripe' && order.paymentId) {
      await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.refundCancelledOrders, [order.paymentId], manager);
    }
    await this.record(manager, order, actor, reason);
    await this.events.record(manager, OrderStatusChanged, { orderId: order.id, sellerId: order.sellerId, from, to });
    if (to === 'paid') {
      await this.events.record(manager, OrderPaid, { orderId: order.id, sellerId: order.sellerId, paymentId: order.paymentId, amount: { amount: order.totalAmount, currency: order.currency } });
    }
  }

  /**
   * A checkout's payment is paid once none of its orders awaits payment and one was paid; expired
   * when all were cancelled before it was paid (a card payment's Checkout Session, a Xendit invoice, is then
   * closed), refunded when all were cancelled or refunded after.
   */
  private async settlePayment(manager: EntityManager, paymentId: string) {
    const [changed]: Array<{ status: string; method: string; stripe_session_id: string | null; xendit_invoice_id: string | null }> = await manager.query(
      `WITH changed AS (UPDATE payments p SET status = s.status, updated_at = now()
       FROM (SELECT CASE
               WHEN bool_or(o.status = 'pending_payment') THEN 'pending'
               WHEN bool_and(o.status = 'cancelled') AND (SELECT status FROM payments WHERE id = $1) IN ('pending', 'expired') THEN 'expired'
               WHEN bool_and(o.status IN ('refunded', 'cancelled')) THEN 'refunded'
               ELSE 'paid' END AS status
             FROM orders o WHERE o.payment_id = $1) s
       WHERE p.id = $1 AND p.status <> s.status
       RETURNING p.status, p.method, p.stripe_session_id, p.xendit_invoice_id)
       SELECT * FROM changed`,
      [paymentId],
    );
    if (changed?.status === 'expired' && changed.method === 'stripe' && changed.stripe_session_id) {
      await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.expireCheckoutSession, [paymentId], manager);
    }
    if (changed?.status === 'expired' && changed.method === 'xendit' && changed.xendit_invoice_id) {
      await enqueuePaymentJobs(this.jobs, PAYMENT_JOBS.expireXenditInvoice, [paymentId], manager);
    }
  }

  /** Adds a line to the order's history (its status unchanged) and tells buyer and seller, as `kind`. */
  async note(manager: EntityManager, order: Order, reason: string, kind: string, actor: OrderActorRef = SYSTEM): Promise<void> {
    await this.record(manager, order, actor, reason, kind);
  }

  private async record(manager: EntityManager, order: Order, actor: OrderActorRef, reason: string | null, kind = `order.${order.status}`) {
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

  /** The roles `user` holds on `order` (empty: it is none of their business). */
  private async actorsOf(user: SignedInUser, order: Order): Promise<OrderActor[]> {
    const actors: OrderActor[] = [];
    if (order.buyerId === user.id) actors.push('buyer');
    if ([...(await this.access.manageable(user, [order.sellerId]))].includes(order.sellerId)) actors.push('seller');
    if (hasRole(user, 'admin')) actors.push('admin');
    return actors;
  }

  private async views(orders: Order[], actorsFor: (order: Order) => OrderActor[]): Promise<OrderView[]> {
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const manager = this.dataSource.manager;
    const lines = await manager.find(OrderLine, { where: { orderId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const events = await manager.find(OrderEvent, { where: { orderId: In(ids) } });
    const paymentIds = [...new Set(orders.map((o) => o.paymentId).filter((id): id is string => !!id))];
    const payments = paymentIds.length ? await manager.find(Payment, { where: { id: In(paymentIds) } }) : [];
    const given: Array<{ order_id: string; amount: string }> = await manager.query(
      `SELECT order_id, sum(amount) AS amount FROM order_refunds WHERE order_id = ANY($1::uuid[]) AND status IN ('sent', 'refunded') GROUP BY order_id`,
      [ids],
    );
    const partsGiven = new Map(given.map((row) => [row.order_id, Number(row.amount)]));
    return orders.map((order) => {
      const actors = actorsFor(order);
      return toOrderView(
        order,
        lines.filter((l) => l.orderId === order.id),
        events.filter((e) => e.orderId === order.id),
        payments.find((p) => p.id === order.paymentId) ?? null,
        nextStatuses(order.status, actors, this.transitionContext),
        partsGiven.get(order.id) ?? 0,
        // Gateway references are for the buyer and the platform's staff, never for sellers.
        actors,
      );
    });
  }
}
