import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExchangeRates } from '#libs/currency';
import type { SignedInUser } from '#libs/identity';
import { SellerAccess } from '#libs/sellers';
import { APP_CONFIG, conflict, invalid, Problem, type AppConfig, type Money } from '#libs/platform';
import { DataSource } from 'typeorm';
import { bankTransferInstructions, type BankTransferInstructions } from '../payments/bank-transfer.js';
import type { CartItem } from '../cart/cart-item.entity.js';
import { CartService } from '../cart/cart.service.js';
import type { CheckoutDto } from '../commerce.dto.js';
import { Order } from '../orders/order.entity.js';
import { OrderPlacement, type NewOrderLine } from '../orders/order-placement.service.js';
import { OrderTransitions } from '../orders/order-transitions.service.js';
import { Payment } from '../payments/payment.entity.js';
import { lineKey, Purchasables } from '../cart/purchasables.js';
import { ShippingQuotes } from '../shipping/shipping-quotes.service.js';
import { zoneOf } from '../shipping/shipping-zones.js';
import { StripeGateway } from '../payments/stripe-gateway.js';
import { XenditGateway } from '../payments/xendit-gateway.js';

export interface CheckoutResult {
  /** `payBy`: when the order is cancelled if still unpaid (ISO 8601). */
  orders: Array<{ id: string; sellerId: string; status: 'pending_payment'; subtotal: Money; shipping: Money; total: Money; displayTotal?: Money; payBy: string }>;
  payment: { id: string; method: Payment['method']; reference: string; amount: Money; checkoutUrl?: string; instructions?: BankTransferInstructions };
  total: Money;
  /** The total in the buyer's currency: an estimate at the rate of `exchangeRate.asOf`. */
  displayTotal?: Money;
  exchangeRate?: { currency: string; rate: number; asOf: string };
}

const idr = (amount: number): Money => ({ amount, currency: 'IDR' });

/**
 * Turns the buyer's cart into one order per seller, all or nothing: one transaction
 * re-reads prices, reserves stock, creates the orders and their payment, and empties the cart.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly carts: CartService,
    private readonly placement: OrderPlacement,
    private readonly transitions: OrderTransitions,
    private readonly shipping: ShippingQuotes,
    private readonly stripe: StripeGateway,
    private readonly xendit: XenditGateway,
    private readonly rates: ExchangeRates,
    private readonly access: SellerAccess,
    private readonly purchasables: Purchasables,
  ) {}

  async checkout(user: SignedInUser, dto: CheckoutDto): Promise<CheckoutResult> {
    if (dto.paymentMethod === 'stripe' && !this.stripe.enabled) throw invalid('paymentMethod', 'card payments are not configured: choose bank_transfer');
    if (dto.paymentMethod === 'xendit' && !this.xendit.enabled) throw invalid('paymentMethod', 'QRIS, virtual account and e-wallet payments are not configured: choose bank_transfer');
    const zone = zoneOf(dto.shippingAddress);
    if (!zone) throw invalid('shippingAddress.postalCode', 'is not an Indonesian postal code we can ship to');
    const currency = dto.currency && dto.currency !== 'IDR' ? dto.currency : undefined;
    if (currency) await this.rates.convert(idr(0), currency); // 422 naming `currency` before any work

    const result = await this.dataSource.transaction(async (manager) => {
      const { cartId, items } = await this.carts.linesFor(manager, user.id);
      if (!cartId || items.length === 0) throw invalid('cart', 'is empty: add products before checking out');
      const found = await this.purchasables.load(manager, items);

      const bySeller = new Map<string, NewOrderLine[]>();
      // Made-to-order lines take no stock; their order promises the longest production time.
      const productionDays = new Map<string, number>();
      for (const item of items) {
        const product = found.get(lineKey(item.productId, item.variantId));
        if (!product || !product.active) {
          throw conflict(`${product?.title.id ?? 'A product in your cart'} is no longer for sale`, { productId: item.productId, errors: [{ field: 'cart', message: 'remove it from your cart' }] });
        }
        const lines = bySeller.get(product.sellerId) ?? [];
        lines.push({
          productId: item.productId,
          variantId: item.variantId,
          title: product.title,
          quantity: item.quantity,
          unitPriceAmount: product.unitPriceAmount,
          weightGrams: product.weightGrams,
          fromStock: !product.madeToOrder,
        });
        bySeller.set(product.sellerId, lines);
        if (product.madeToOrder) productionDays.set(product.sellerId, Math.max(productionDays.get(product.sellerId) ?? 0, product.productionDays ?? 0));
      }

      await this.access.assertNotOwnSeller(user, [...bySeller.keys()], 'cart', manager);
      // Priced before any stock row is locked; Biteship, when on, gets 2 s before the zone table answers instead.
      const quotes = await this.shipping.quote(items, dto.shippingAddress, manager);
      const payment = await this.placement.openPayment(manager, user.id, dto.paymentMethod, 0);
      const address = { ...dto.shippingAddress };
      const orders: Order[] = [];
      // Sellers in a fixed order, so concurrent checkouts lock stock rows in the same order.
      for (const [sellerId, lines] of [...bySeller].sort(([a], [b]) => a.localeCompare(b))) {
        const quote = quotes.find((q) => q.sellerId === sellerId)!;
        const option = this.shipping.choose(quote, dto.shipping?.[sellerId]);
        orders.push(
          await this.placement.createOrder(manager, {
            buyerId: user.id,
            sellerId,
            lines,
            shippingAddress: address,
            shippingAmount: option.price.amount,
            shippingZone: zone,
            shipping: { courier: option.courier, service: option.service, chargedWeightGrams: quote.chargedWeightGrams },
            shipWithinDays: productionDays.get(sellerId),
            paymentMethod: dto.paymentMethod,
            paymentId: payment.id,
          }),
        );
      }
      payment.amount = orders.reduce((sum, o) => sum + o.totalAmount, 0);
      await manager.save(Payment, payment);
      await this.carts.clear(manager, cartId);
      return { payment, orders, items };
    });
    // The gateway is called only after the orders committed: a slow gateway must not hold stock and cart row locks.
    if (dto.paymentMethod !== 'bank_transfer') await this.openGatewayPayment(user, result.payment, result.orders, result.items);
    return this.present(result.payment, result.orders, currency);
  }

  /**
   * Opens the payment at its gateway (Stripe's Checkout Session, Xendit's invoice); when the
   * gateway fails, the orders are cancelled, their stock released and the cart given back.
   */
  private async openGatewayPayment(user: SignedInUser, payment: Payment, orders: Order[], items: CartItem[]): Promise<void> {
    try {
      const opened = payment.method === 'xendit' ? await this.xenditInvoice(payment, user, orders) : await this.stripeSession(payment, user, orders);
      const columns = payment.method === 'xendit' ? { xenditInvoiceId: opened.id, checkoutUrl: opened.url } : { stripeSessionId: opened.id, checkoutUrl: opened.url };
      Object.assign(payment, columns);
      await this.dataSource.manager.update(Payment, { id: payment.id }, columns);
    } catch (error) {
      await this.dataSource.transaction(async (manager) => {
        for (const order of orders) await this.transitions.transitionAs(manager, order.id, 'cancelled', 'the payment service did not answer');
        await this.carts.putBack(manager, user.id, items);
      });
      throw error;
    }
  }

  /** One Xendit invoice for the whole payment, expiring when its orders stop holding their stock. */
  private xenditInvoice(payment: Payment, user: SignedInUser, orders: Order[]) {
    return this.xendit.createInvoice({
      paymentId: payment.id,
      reference: payment.reference,
      buyerEmail: user.email,
      description: `Pasar Kerthi ${payment.reference}: ${orders.length} pesanan / order(s)`,
      amount: payment.amount,
      payBy: new Date(Math.min(...orders.map((o) => o.payBy!.getTime()))),
    });
  }

  private async stripeSession(payment: Payment, user: SignedInUser, orders: Order[]) {
    try {
      return await this.stripe.createCheckoutSession({
        paymentId: payment.id,
        reference: payment.reference,
        buyerEmail: user.email,
        orders: orders.map((o) => ({ id: o.id, label: `Pasar Kerthi ${payment.reference} #${o.id.slice(0, 8)}`, totalAmount: o.totalAmount })),
        expiresInMinutes: this.config.orderExpiryMinutes,
      });
    } catch (error) {
      if (error instanceof Problem) throw error;
      throw new Problem(502, 'The card payment service did not answer; nothing was ordered. Try again or pay by bank transfer.');
    }
  }

  private async present(payment: Payment, orders: Order[], currency: string | undefined): Promise<CheckoutResult> {
    const total = idr(payment.amount);
    const display = async (money: Money) => (currency ? this.rates.convert(money, currency) : undefined);
    const totalConversion = await display(total);
    return {
      orders: await Promise.all(
        orders.map(async (o) => {
          const converted = await display(idr(o.totalAmount));
          return {
            id: o.id,
            sellerId: o.sellerId,
            status: 'pending_payment' as const,
            subtotal: idr(o.subtotalAmount),
            shipping: idr(o.shippingAmount),
            total: idr(o.totalAmount),
            ...(converted ? { displayTotal: converted.money } : {}),
            payBy: o.payBy!.toISOString(),
          };
        }),
      ),
      payment: {
        id: payment.id,
        method: payment.method,
        reference: payment.reference,
        amount: total,
        ...(payment.checkoutUrl ? { checkoutUrl: payment.checkoutUrl } : {}),
        ...(payment.method === 'bank_transfer' ? { instructions: bankTransferInstructions(total, payment.reference, this.config.orderExpiryMinutes) } : {}),
      },
      total,
      ...(totalConversion && currency ? { displayTotal: totalConversion.money, exchangeRate: { currency, rate: totalConversion.rate, asOf: totalConversion.asOf } } : {}),
    };
  }
}
