import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hasRole, type SignedInUser } from '#libs/identity';
import { APP_CONFIG, notFound, paged, type AppConfig, type Paged } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { DataSource, In } from 'typeorm';
import { Payment } from '../payments/payment.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderLine } from './order-line.entity.js';
import { nextStatuses, transitionContextOf, type OrderActor, type OrderStatus } from './order-state-machine.js';
import { toOrderView, type OrderView } from './order-view.js';
import { Order } from './order.entity.js';

/** Orders as people read them: one order, a buyer's and a seller's lists, a checkout's orders, each only for those it concerns. */
@Injectable()
export class OrderViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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

  /** The roles `user` holds on `order` (empty: it is none of their business). */
  async actorsOf(user: SignedInUser, order: Order): Promise<OrderActor[]> {
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
        nextStatuses(order.status, actors, transitionContextOf(this.config)),
        partsGiven.get(order.id) ?? 0,
        // Gateway references are for the buyer and the platform's staff, never for sellers.
        actors,
      );
    });
  }
}
