import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { CurrencyModule } from '#libs/currency';
import { IdentityModule } from '#libs/identity';
import { SellersModule } from '#libs/sellers';
import { BankTransfers } from './payments/bank-transfers.service.js';
import { CartItem } from './cart/cart-item.entity.js';
import { Cart } from './cart/cart.entity.js';
import { CartService } from './cart/cart.service.js';
import { CheckoutService } from './checkout/checkout.service.js';
import { CommerceDemoSeeder } from './commerce-demo.seeder.js';
import { OrderEvent } from './orders/order-event.entity.js';
import { OrderExpiry } from './orders/order-expiry.service.js';
import { OrderAutocomplete } from './orders/order-autocomplete.service.js';
import { OrderLine } from './orders/order-line.entity.js';
import { Order } from './orders/order.entity.js';
import { OrderFacts } from './orders/order-facts.service.js';
import { OrderHistory } from './orders/order-history.service.js';
import { OrderPlacement } from './orders/order-placement.service.js';
import { OrderTransitions } from './orders/order-transitions.service.js';
import { OrderViews } from './orders/order-views.service.js';
import { OrdersPersonalData } from './orders/orders-personal-data.js';
import { Payment } from './payments/payment.entity.js';
import { Purchasables } from './cart/purchasables.js';
import { ShippingRate } from './shipping/shipping-rate.entity.js';
import { ShippingRatesService } from './shipping/shipping-rates.service.js';
import { BiteshipGateway } from './shipping/biteship-gateway.js';
import { OrderTrackingEvent } from './shipping/order-tracking-event.entity.js';
import { SellerShippingRate } from './shipping/seller-shipping-rate.entity.js';
import { Shipments } from './shipping/shipments.service.js';
import { ShippingQuotes } from './shipping/shipping-quotes.service.js';
import { ZoneTableRates } from './shipping/zone-table.service.js';
import { StripeGateway } from './payments/stripe-gateway.js';
import { StripePaymentJobs } from './payments/stripe-payment-jobs.service.js';
import { StripeWebhookService } from './payments/stripe-webhook.service.js';
import { XenditGateway } from './payments/xendit-gateway.js';
import { XenditPayments } from './payments/xendit-payments.service.js';
import { TransferRefunds } from './payments/transfer-refunds.service.js';
import { OrderRefunds } from './payments/order-refunds.service.js';
import { PaymentMetrics } from './payments/payment-metrics.js';

/** The services of commerce, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [
  CartService,
  CheckoutService,
  OrderPlacement,
  OrderTransitions,
  OrderHistory,
  OrderViews,
  OrderFacts,
  ShippingRatesService,
  ZoneTableRates,
  BiteshipGateway,
  ShippingQuotes,
  Shipments,
  StripeGateway,
  StripeWebhookService,
  StripePaymentJobs,
  XenditGateway,
  XenditPayments,
  TransferRefunds,
  OrderRefunds,
  BankTransfers,
  OrderExpiry,
  OrderAutocomplete,
  CommerceDemoSeeder,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([Cart, CartItem, Order, OrderLine, OrderEvent, Payment, ShippingRate, SellerShippingRate, OrderTrackingEvent]),
    IdentityModule,
    SellersModule,
    CatalogueModule,
    CurrencyModule,
  ],
  providers: [...SERVICES, Purchasables, PaymentMetrics, OrdersPersonalData],
  exports: [...SERVICES],
})
export class CommerceModule {}
