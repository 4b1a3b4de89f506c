import { Controller, Get, HttpException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { Authenticated, Public } from '#libs/identity';
import { PageSlots, ViewService, type FieldError, type Paged } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { PLATFORM_ACCOUNT } from './payments/bank-transfer.js';
import { cartOwner, setCartCookie } from './cart/cart-cookie.js';
import { CartService } from './cart/cart.service.js';
import { AddCartItemDto, CheckoutDto, TransitionDto, UpdateCartItemDto } from './commerce.dto.js';
import { CheckoutService } from './checkout/checkout.service.js';
import { byField, formInput } from './form-input.js';
import { isOrderStatus, ORDER_STATUSES, type OrderStatus } from './orders/order-state-machine.js';
import { OrderTransitions } from './orders/order-transitions.service.js';
import { OrderViews } from './orders/order-views.service.js';
import type { OrderView } from './orders/order-view.js';
import { StripeGateway } from './payments/stripe-gateway.js';
import { Shipments, type TrackingView } from './shipping/shipments.service.js';
import { TRACKING_STATUSES } from './shipping/shipping-services.js';
import { ShippingQuotes } from './shipping/shipping-quotes.service.js';
import { XenditGateway } from './payments/xendit-gateway.js';

type ProblemBody = { detail?: string; errors?: FieldError[] };
const statusOf = (error: unknown) => (error instanceof HttpException ? error.getStatus() : 500);
const bodyOf = (error: unknown): ProblemBody => (error instanceof HttpException ? (error.getResponse() as ProblemBody) : {});
const detailOf = (error: unknown) => bodyOf(error).detail ?? String(error);
/** Errors a person can fix by changing the form: shown on the page; anything else goes to the error page. */
const isUserError = (error: unknown) => [404, 409, 422].includes(statusOf(error));
const CURRENCIES = ['USD', 'EUR', 'AUD', 'SGD', 'JPY', 'CNY', 'GBP'];

/** What happens to the buyer's money if the order moves to `to` after it was paid (completing releases it to the seller). */
function refundNote(order: OrderView, to: OrderStatus): string | undefined {
  if (to === 'completed') return 'orders.completeNote';
  if (!(to === 'refunded' || (to === 'cancelled' && order.status === 'paid'))) return undefined;
  return order.paymentMethod === 'stripe' ? 'orders.refundNote.card' : 'orders.refundNote.transfer';
}

/** An order with what its templates need: message keys and one small form per allowed move. */
function forPage(order: OrderView) {
  return {
    ...order,
    shortId: order.id.slice(0, 8),
    statusKey: `status.${order.status}`,
    actionForms: order.actions.map((to) => ({ to, key: `action.${to}`, refundNote: refundNote(order, to) })),
    history: order.history.map((h) => ({ ...h, statusKey: `status.${h.status}`, actorKey: `orders.by.${h.actorRole}` })),
  };
}

function trackingForPage(tracking: TrackingView) {
  return { ...tracking, events: tracking.events.map((e) => ({ ...e, statusKey: TRACKING_STATUSES.has(e.status) ? `tracking.${e.status}` : undefined })) };
}

function listForPage(list: Paged<OrderView>) {
  return {
    ...list,
    items: list.items.map(forPage),
    prevPage: list.page > 1 ? list.page - 1 : undefined,
    nextPage: list.page * list.perPage < list.total ? list.page + 1 : undefined,
  };
}

/** Cart, checkout and orders pages: plain forms that post and redirect (no JavaScript needed). */
@Controller()
@ApiExcludeController()
export class CommercePagesController {
  constructor(
    private readonly views: ViewService,
    private readonly carts: CartService,
    private readonly checkoutService: CheckoutService,
    private readonly orderViews: OrderViews,
    private readonly transitions: OrderTransitions,
    private readonly sellers: SellersService,
    private readonly stripe: StripeGateway,
    private readonly xendit: XenditGateway,
    private readonly shipments: Shipments,
    private readonly shippingQuotes: ShippingQuotes,
    private readonly slots: PageSlots,
  ) {}

  @Get('cart')
  @Public()
  async cart(@Req() req: Request, @Res() res: Response) {
    await this.cartPage(req, res);
  }

  private async cartPage(req: Request, res: Response, formError?: string, status = 200) {
    const cart = await this.carts.view(cartOwner(req));
    // "Cek ongkir": a GET form of postal code and country prices each seller's parcel before checkout.
    const destination = {
      country: typeof req.query.country === 'string' && req.query.country.trim() ? req.query.country.trim() : 'ID',
      postalCode: typeof req.query.postalCode === 'string' ? req.query.postalCode.trim() : '',
    };
    const shipping = await this.shippingOptions(cart, { shippingAddress: destination });
    this.views.page(req, res, 'commerce/cart', { cart, formError, added: req.query.added === '1', shipping, destination, titleKey: 'cart.title' }, { status });
  }

  /** The product page's "add to cart" form. */
  @Post('cart/items')
  @Public()
  async addItem(@Req() req: Request, @Res() res: Response) {
    const { value, errors } = await formInput(AddCartItemDto, { productId: req.body?.productId, variantId: req.body?.variantId || undefined, quantity: Number(req.body?.quantity ?? 1) });
    if (errors.length) return this.cartPage(req, res, errors[0]!.message, 422);
    try {
      const { guestCartId } = await this.carts.add(cartOwner(req), value);
      if (guestCartId) setCartCookie(req, res, guestCartId);
      res.redirect(303, '/cart?added=1');
    } catch (error) {
      if (!isUserError(error)) throw error;
      await this.cartPage(req, res, detailOf(error), statusOf(error));
    }
  }

  @Post('cart/items/:id')
  @Public()
  async updateItem(@Req() req: Request, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string) {
    const { value, errors } = await formInput(UpdateCartItemDto, { quantity: Number(req.body?.quantity) });
    if (errors.length) return this.cartPage(req, res, errors[0]!.message, 422);
    try {
      await this.carts.update(cartOwner(req), id, value.quantity);
      res.redirect(303, '/cart');
    } catch (error) {
      if (!isUserError(error)) throw error;
      await this.cartPage(req, res, detailOf(error), statusOf(error));
    }
  }

  @Post('cart/items/:id/remove')
  @Public()
  async removeItem(@Req() req: Request, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string) {
    await this.carts.remove(cartOwner(req), id);
    res.redirect(303, '/cart');
  }

  @Get('checkout')
  @Authenticated()
  async checkoutForm(@Req() req: Request, @Res() res: Response) {
    const cart = await this.carts.view(cartOwner(req));
    if (cart.items.length === 0) return res.redirect(303, '/cart');
    // Indonesian buyers pay by QRIS, virtual account or e-wallet first of all, when Xendit is set up.
    const paymentMethod = this.xendit.enabled && req.user!.locale !== 'en' ? 'xendit' : 'bank_transfer';
    await this.checkoutPage(req, res, cart, { shippingAddress: { name: req.user!.name, country: 'ID' }, paymentMethod });
  }

  @Post('checkout')
  @Authenticated()
  async checkout(@Req() req: Request, @Res() res: Response) {
    const body = req.body ?? {};
    const form = {
      paymentMethod: body.paymentMethod,
      currency: body.currency || undefined,
      shippingAddress: Object.fromEntries(
        ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'].map((key) => [key, typeof body[key] === 'string' && body[key].trim() ? body[key] : undefined]),
      ),
      shipping: shippingChoices(body),
    };
    const { value, errors } = await formInput(CheckoutDto, form);
    let failure: { errors: FieldError[]; message?: string; status: number } | undefined = errors.length ? { errors, status: 422 } : undefined;
    // "Show shipping options" posts the address only: the page comes back with each seller's couriers to choose from.
    if (!failure && body.action !== 'rates') {
      try {
        const result = await this.checkoutService.checkout(req.user!, value);
        return res.redirect(303, result.payment.checkoutUrl ?? `/checkout/done/${result.payment.id}`);
      } catch (error) {
        if (!isUserError(error)) throw error;
        failure = { errors: bodyOf(error).errors ?? [], message: detailOf(error), status: statusOf(error) };
      }
    }
    await this.checkoutPage(req, res, await this.carts.view(cartOwner(req)), form, failure);
  }

  @Get('checkout/done/:paymentId')
  @Authenticated()
  async done(@Req() req: Request, @Res() res: Response, @Param('paymentId', ParseUUIDPipe) paymentId: string) {
    const orders = await this.orderViews.forPayment(req.user!, paymentId);
    const payment = orders[0]!.payment!;
    const amount = { amount: orders.reduce((sum, o) => sum + o.total.amount, 0), currency: 'IDR' };
    this.views.page(req, res, 'commerce/checkout-done', {
      orders: orders.map(forPage),
      payment,
      amount,
      bank: payment.method === 'bank_transfer' ? PLATFORM_ACCOUNT : undefined,
      // The earliest deadline among the orders still awaiting this payment.
      payBy: orders
        .map((o) => o.payBy)
        .filter((at): at is string => !!at)
        .sort()[0],
      pending: orders.some((o) => o.status === 'pending_payment'),
      cancelled: req.query.cancelled === '1',
      titleKey: 'checkout.done',
    });
  }

  @Get('orders')
  @Authenticated()
  async myOrders(@Req() req: Request, @Res() res: Response, @Query('page') page?: string) {
    const list = await this.orderViews.listForBuyer(req.user!, { page: Math.max(1, Number(page) || 1), perPage: 20 });
    this.views.page(req, res, 'commerce/orders', { list: listForPage(list), titleKey: 'orders.title' });
  }

  @Get('orders/:id')
  @Authenticated()
  async order(@Req() req: Request, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string) {
    await this.orderPage(req, res, id);
  }

  private async orderPage(req: Request, res: Response, id: string, formError?: string, status = 200) {
    const order = await this.orderViews.view(req.user!, id);
    const [tracking, exportDocuments] = await Promise.all([
      this.shipments.tracking(req.user!, id),
      // Export (a higher lib) names the documents an order shipped abroad needs.
      this.slots.render('order.export-documents', { destination: order.shippingAddress.country, productIds: order.lines.map((l) => l.productId), lang: req.lang ?? 'id' }),
    ]);
    this.views.page(
      req,
      res,
      'commerce/order',
      {
        order: forPage(order),
        tracking: trackingForPage(tracking),
        exportDocuments: new Handlebars.SafeString(exportDocuments.html),
        formError,
        back: req.query.as === 'seller' ? `/dashboard/sellers/${order.sellerId}/orders` : '/orders',
        titleKey: 'orders.order',
      },
      { status },
    );
  }

  /** The action forms of the order pages; back to where the form was. */
  @Post('orders/:id/transitions')
  @Authenticated()
  async transition(@Req() req: Request, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string) {
    const { value, errors } = await formInput(TransitionDto, {
      to: req.body?.to,
      trackingNumber: req.body?.trackingNumber || undefined,
      courier: req.body?.courier || undefined,
      reason: req.body?.reason || undefined,
    });
    const back = typeof req.body?.back === 'string' && /^\/(orders|dashboard)\/[\w/?=&-]*$/.test(req.body.back) ? req.body.back : `/orders/${id}`;
    if (errors.length) return this.orderPage(req, res, id, errors[0]!.message, 422);
    try {
      await this.transitions.transition(req.user!, id, value);
      res.redirect(303, back);
    } catch (error) {
      if (![403, 409, 422].includes(statusOf(error))) throw error;
      await this.orderPage(req, res, id, detailOf(error), statusOf(error));
    }
  }

  @Get('dashboard/sellers/:id/orders')
  @Authenticated()
  async sellerOrders(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', ParseUUIDPipe) sellerId: string,
    @Query('status') status?: string,
    @Query('page') page?: string,
    @Query('sort') sort?: string,
  ) {
    const filter = isOrderStatus(status) ? status : undefined;
    const order = sort === 'ship_by' ? 'ship_by' : 'newest';
    const list = await this.orderViews.listForSeller(req.user!, sellerId, { page: Math.max(1, Number(page) || 1), perPage: 20, status: filter, sort: order });
    const seller = await this.sellers.findById(sellerId);
    this.views.page(req, res, 'commerce/seller-orders', {
      list: listForPage(list),
      seller,
      sellerId,
      status: filter,
      sort: order,
      statuses: ORDER_STATUSES.map((value) => ({ value, key: `status.${value}` })),
      back: req.originalUrl,
      titleKey: 'orders.sellerTitle',
    });
  }

  private async checkoutPage(
    req: Request,
    res: Response,
    cart: Awaited<ReturnType<CartService['view']>>,
    form: Record<string, unknown>,
    failure?: { errors: FieldError[]; message?: string; status: number },
  ) {
    const shipping = await this.shippingOptions(cart, form);
    this.views.page(
      req,
      res,
      'commerce/checkout',
      {
        cart,
        form,
        shipping,
        fieldErrors: byField(failure?.errors ?? []),
        formError: failure?.message ?? (failure ? failure.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : undefined),
        stripeEnabled: this.stripe.enabled,
        xenditEnabled: this.xendit.enabled,
        currencies: CURRENCIES,
        titleKey: 'checkout.title',
      },
      { status: failure?.status ?? 200 },
    );
  }

  /** Each seller's options for the address typed so far (none until it has a country and postal code), the buyer's choice or the cheapest checked. */
  private async shippingOptions(cart: Awaited<ReturnType<CartService['view']>>, form: Record<string, unknown>) {
    const address = (form.shippingAddress ?? {}) as { country?: string; postalCode?: string; region?: string };
    if (!address.country || !address.postalCode || cart.items.length === 0) return undefined;
    const quotes = await this.shippingQuotes.quote(cart.items, { country: address.country, postalCode: address.postalCode, region: address.region }).catch((error: unknown) => {
      if (isUserError(error)) return undefined;
      throw error;
    });
    if (!quotes) return undefined;
    const names = new Map((await this.sellers.findByIds(quotes.map((q) => q.sellerId))).map((s) => [s.id, s.name]));
    const chosen = (form.shipping ?? {}) as Record<string, { courier: string; service: string }>;
    return quotes.map((quote) => {
      const choice = chosen[quote.sellerId];
      const picked = quote.options.find((o) => o.courier === choice?.courier && o.service === choice?.service) ?? quote.options[0];
      return {
        sellerId: quote.sellerId,
        sellerName: names.get(quote.sellerId) ?? '',
        chargedWeightGrams: quote.chargedWeightGrams,
        options: quote.options.map((o) => ({ ...o, value: `${o.courier}|${o.service}`, checked: o === picked })),
      };
    });
  }
}

/** The checkout form's `shipping_<sellerId>` radio buttons (`courier|service`) as the API's `shipping` map. */
function shippingChoices(body: Record<string, unknown>): Record<string, { courier: string; service: string }> | undefined {
  const entries = Object.entries(body).flatMap(([key, value]) => {
    const sellerId = /^shipping_([0-9a-f-]{36})$/.exec(key)?.[1];
    const [courier, service] = typeof value === 'string' ? value.split('|') : [];
    return sellerId && courier && service ? [[sellerId, { courier, service }] as const] : [];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}
