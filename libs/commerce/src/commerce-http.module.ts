import { SellersModule } from '#libs/sellers';
import { CatalogueModule } from '#libs/catalogue';
import { CurrencyModule } from '#libs/currency';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AdminTransfersPagesController } from './payments/admin-transfers-pages.controller.js';
import { BankTransfersController } from './payments/bank-transfers.controller.js';
import { CartController } from './cart/cart.controller.js';
import { CartMergeInterceptor } from './cart/cart-merge.interceptor.js';
import { CommerceModule } from './commerce.module.js';
import { CommercePagesController } from './commerce-pages.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { PaymentsController } from './payments/payments.controller.js';
import { ShippingRatesController } from './shipping/shipping-rates.controller.js';
import { ShippingController } from './shipping/shipping.controller.js';
import { TransferRefundsController } from './payments/transfer-refunds.controller.js';

/** The HTTP side of commerce: its API routes and pages. Only the web app imports it; the worker and the CLI take CommerceModule alone. */
@Module({
  imports: [CommerceModule, SellersModule, CatalogueModule, CurrencyModule],
  exports: [CommerceModule],
  controllers: [
    CartController,
    OrdersController,
    PaymentsController,
    ShippingRatesController,
    ShippingController,
    CommercePagesController,
    TransferRefundsController,
    BankTransfersController,
    AdminTransfersPagesController,
  ],
  providers: [{ provide: APP_INTERCEPTOR, useClass: CartMergeInterceptor }],
})
export class CommerceHttpModule {}
