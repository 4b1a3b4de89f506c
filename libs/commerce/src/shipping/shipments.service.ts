import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SignedInUser } from '#libs/identity';
import { conflict, forbidden, invalid, LOGGER, Problem, type Logger } from '#libs/platform';
import { SellerAccess, SellersService } from '#libs/sellers';
import { DataSource } from 'typeorm';
import { OrderLine } from '../orders/order-line.entity.js';
import { Order } from '../orders/order.entity.js';
import { OrderTransitions } from '../orders/order-transitions.service.js';
import { OrderViews } from '../orders/order-views.service.js';
import { BiteshipError, BiteshipGateway, type BiteshipOrder } from './biteship-gateway.js';
import { OrderTrackingEvent } from './order-tracking-event.entity.js';
import { recordTracking } from './order-tracking.js';
import { BITESHIP_COURIERS } from './shipping-services.js';

export interface TrackingView {
  courier: string | null;
  trackingNumber: string | null;
  labelUrl?: string;
  events: Array<{ at: string; status: string; note: string | null }>;
}

const SELLER = (user: SignedInUser) => ({ id: user.id, role: 'seller' as const });

/**
 * Parcels on their way: a seller books the courier through Biteship (waybill number and link), the
 * tracking steps are kept per order, and Biteship's status callbacks, read back from Biteship
 * before anything is believed, move an order to `delivered` (the settlement's completion clock).
 */
@Injectable()
export class Shipments {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orderViews: OrderViews,
    private readonly transitions: OrderTransitions,
    private readonly biteship: BiteshipGateway,
    private readonly sellers: SellersService,
    private readonly access: SellerAccess,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The seller books the order's courier at Biteship; the order is then shipped with the courier's waybill number. */
  async book(user: SignedInUser, orderId: string, choice: { courier?: string; service?: string }): Promise<{ courier: string; trackingNumber: string; labelUrl?: string }> {
    const view = await this.orderViews.view(user, orderId); // 404 for anyone not party to it
    if (!(await this.access.manageable(user, [view.sellerId])).has(view.sellerId)) throw forbidden('Only the seller books the shipment');
    if (!this.biteship.enabled) throw conflict('No courier service is connected: mark the order shipped with its courier and tracking number');
    if (!['paid', 'processing'].includes(view.status)) throw conflict(`An order that is ${view.status} cannot be shipped`, { currentStatus: view.status });
    const order = (await this.dataSource.manager.findOneBy(Order, { id: orderId }))!;
    if (order.biteshipOrderId) throw conflict('This shipment is already booked');
    const courier = choice.courier ?? order.shippingCourier ?? '';
    const service = choice.service ?? (choice.courier ? undefined : order.shippingService) ?? '';
    if (!(courier in BITESHIP_COURIERS)) throw invalid('courier', `must be one of ${Object.keys(BITESHIP_COURIERS).join(', ')}`);
    if (!service) throw invalid('service', "is required: the courier's service code, e.g. reg");
    const [seller] = await this.sellers.findByIds([order.sellerId]);
    if (!seller?.shipFrom) throw invalid('shipFrom', "set the seller's ship-from address first (PATCH /sellers/:id)");
    const address = order.shippingAddress;
    const lines = await this.dataSource.manager.find(OrderLine, { where: { orderId } });
    let booked: BiteshipOrder;
    try {
      booked = await this.biteship.book({
        referenceId: order.id,
        origin: {
          contactName: seller.name,
          phone: seller.shipFrom.phone,
          address: [seller.shipFrom.line1, seller.shipFrom.district, seller.shipFrom.city].filter(Boolean).join(', '),
          postalCode: seller.shipFrom.postalCode,
        },
        destination: { contactName: address.name, phone: address.phone ?? '', address: [address.line1, address.line2, address.city].filter(Boolean).join(', '), postalCode: address.postalCode },
        courier,
        service,
        items: lines.map((line) => ({ name: line.title.id.slice(0, 100), value: Math.round(line.unitPriceAmount / 100), weight: line.weightGrams, quantity: line.quantity })),
      });
    } catch (error) {
      if (!(error instanceof BiteshipError)) throw error;
      this.logger.warn({ err: error, orderId }, 'Biteship booking failed');
      throw new Problem(502, 'The courier service did not take the booking; nothing changed. Try again, or ship by hand with a tracking number.');
    }
    const trackingNumber = booked.waybillId ?? booked.id;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Order, { id: orderId }, { biteshipOrderId: booked.id, labelUrl: booked.link, shippingCourier: courier, shippingService: service });
      if (view.status === 'paid') await this.transitions.transitionAs(manager, orderId, 'processing', null, SELLER(user));
      if (!(await this.transitions.transitionAs(manager, orderId, 'shipped', null, SELLER(user), trackingNumber))) throw conflict('The order changed meanwhile; reload it');
    });
    return { courier, trackingNumber, ...(booked.link ? { labelUrl: booked.link } : {}) };
  }

  /** The parcel's journey, for the order's buyer and seller (404 for anyone else). */
  async tracking(user: SignedInUser, orderId: string): Promise<TrackingView> {
    await this.orderViews.view(user, orderId);
    const order = (await this.dataSource.manager.findOneBy(Order, { id: orderId }))!;
    const events = await this.dataSource.manager.find(OrderTrackingEvent, { where: { orderId }, order: { at: 'ASC', createdAt: 'ASC' } });
    return {
      courier: order.shippingCourier,
      trackingNumber: order.trackingNumber,
      ...(order.labelUrl ? { labelUrl: order.labelUrl } : {}),
      events: events.map((e) => ({ at: e.at.toISOString(), status: e.status, note: e.note })),
    };
  }

  /**
   * A Biteship status callback. Its body is never believed: only the order id is taken from it, and
   * the order is read back from Biteship; its courier history is kept, and `delivered` moves our order
   * (once: a repeated callback finds it delivered already). Unknown orders change nothing.
   */
  async callback(body: unknown): Promise<{ received: true }> {
    const id = typeof body === 'object' && body !== null ? (body as { order_id?: unknown }).order_id : undefined;
    if (typeof id !== 'string' || !id || id.length > 100 || !this.biteship.enabled) return { received: true };
    const order = await this.dataSource.manager.findOneBy(Order, { biteshipOrderId: id });
    if (!order) return { received: true };
    const remote = await this.biteship.order(id);
    if (!remote || (remote.referenceId && remote.referenceId !== order.id)) return { received: true };
    await this.dataSource.transaction(async (manager) => {
      await recordTracking(manager, order.id, remote.history, 'biteship');
      if (remote.status === 'delivered') await this.transitions.transitionAs(manager, order.id, 'delivered', 'the courier reported it delivered');
    });
    return { received: true };
  }
}
