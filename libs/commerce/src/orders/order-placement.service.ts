import { Inject, Injectable } from '@nestjs/common';
import { StockService } from '#libs/catalogue';
import { APP_CONFIG, invalid, type AppConfig, type Text } from '#libs/platform';
import type { EntityManager } from 'typeorm';
import { paymentReference } from '../payments/bank-transfer.js';
import { Payment } from '../payments/payment.entity.js';
import { OrderHistory } from './order-history.service.js';
import { OrderLine } from './order-line.entity.js';
import { Order, type PaymentMethod, type ShippingAddress } from './order.entity.js';

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

/** Placing orders: a new pending_payment order with its stock reserved, and the pending payment it is paid through. */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly stock: StockService,
    private readonly history: OrderHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    await this.history.record(manager, order, { id: input.buyerId, role: 'buyer' }, null);
    return order;
  }

  /** A pending payment with its own transfer reference (IDR minor units), for a checkout or a lone order. */
  async openPayment(manager: EntityManager, buyerId: string, method: Payment['method'], amount: number): Promise<Payment> {
    return manager.save(Payment, manager.create(Payment, { buyerId, method, status: 'pending', amount, currency: 'IDR', reference: paymentReference() }));
  }
}
