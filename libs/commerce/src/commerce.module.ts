import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { CurrencyModule } from '#libs/currency';
import { IdentityModule } from '#libs/identity';
import { SellersModule } from '#libs/sellers';
import { BankTransfers } from './bank-transfers.service.js';
import { CartItem } from './cart-item.entity.js';
import { Cart } from './cart.entity.js';
import { CartService } from './cart.service.js';
import { CheckoutService } from './checkout.service.js';
import { CommerceDemoSeeder } from './commerce-demo.seeder.js';
import { Notification } from './notification.entity.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsService } from './notifications.service.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderExpiry } from './order-expiry.service.js';
import { OrderAutocomplete } from './order-autocomplete.service.js';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';
import { Payment } from './payment.entity.js';
import { Purchasables } from './purchasables.js';
import { ShippingRate } from './shipping-rate.entity.js';
import { ShippingRatesService } from './shipping-rates.service.js';
import { StripeGateway } from './stripe-gateway.js';
import { StripePaymentJobs } from './stripe-payment-jobs.service.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { TransferRefunds } from './transfer-refunds.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Cart, CartItem, Order, OrderLine, OrderEvent, Payment, ShippingRate, Notification]), IdentityModule, SellersModule, CatalogueModule, CurrencyModule],
  providers: [
    CartService,
    CheckoutService,
    OrdersService,
    ShippingRatesService,
    StripeGateway,
    StripeWebhookService,
    StripePaymentJobs,
    TransferRefunds,
    BankTransfers,
    NotificationsService,
    NotificationMailer,
    OrderExpiry,
    OrderAutocomplete,
    CommerceDemoSeeder,
    Purchasables,
  ],
  exports: [OrdersService, CartService, NotificationsService, ShippingRatesService, CheckoutService, StripeGateway, StripeWebhookService, StripePaymentJobs, TransferRefunds, BankTransfers, NotificationMailer, OrderExpiry, OrderAutocomplete, CommerceDemoSeeder],
})
export class CommerceModule {}
