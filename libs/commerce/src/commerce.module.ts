import './messages.js';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '#libs/catalogue';
import { CurrencyModule } from '#libs/currency';
import { SellersModule } from '#libs/sellers';
import { CartItem } from './cart-item.entity.js';
import { CartMergeInterceptor } from './cart-merge.interceptor.js';
import { CartController } from './cart.controller.js';
import { Cart } from './cart.entity.js';
import { CartService } from './cart.service.js';
import { CheckoutService } from './checkout.service.js';
import { CommercePagesController } from './commerce-pages.controller.js';
import { CommerceDemoSeeder } from './commerce-demo.seeder.js';
import { Notification } from './notification.entity.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderExpiry } from './order-expiry.service.js';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { Payment } from './payment.entity.js';
import { PaymentsController } from './payments.controller.js';
import { ShippingRate } from './shipping-rate.entity.js';
import { ShippingRatesController } from './shipping-rates.controller.js';
import { ShippingRatesService } from './shipping-rates.service.js';
import { StripeGateway } from './stripe-gateway.js';
import { StripePaymentJobs } from './stripe-payment-jobs.service.js';
import { StripeWebhookService } from './stripe-webhook.service.js';
import { TransferRefundsController } from './transfer-refunds.controller.js';
import { TransferRefunds } from './transfer-refunds.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Cart, CartItem, Order, OrderLine, OrderEvent, Payment, ShippingRate, Notification]), SellersModule, CatalogueModule, CurrencyModule],
  controllers: [CartController, OrdersController, PaymentsController, ShippingRatesController, NotificationsController, CommercePagesController, TransferRefundsController],
  providers: [
    CartService,
    CheckoutService,
    OrdersService,
    ShippingRatesService,
    StripeGateway,
    StripeWebhookService,
    StripePaymentJobs,
    TransferRefunds,
    NotificationsService,
    NotificationMailer,
    OrderExpiry,
    CommerceDemoSeeder,
    { provide: APP_INTERCEPTOR, useClass: CartMergeInterceptor },
  ],
  exports: [OrdersService, CartService, NotificationsService, ShippingRatesService],
})
export class CommerceModule {}
