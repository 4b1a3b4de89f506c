import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEMO_ACCOUNTS, UsersService } from '#libs/identity';
import { DemoSeeder, type Text } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { DataSource } from 'typeorm';
import { Order } from './orders/order.entity.js';
import type { OrderStatus } from './orders/order-state-machine.js';
import { OrderPlacement } from './orders/order-placement.service.js';
import { OrderTransitions } from './orders/order-transitions.service.js';
import { ShippingRatesService } from './shipping/shipping-rates.service.js';
import { zoneOf } from './shipping/shipping-zones.js';

const ADDRESSES = {
  'pembeli@demo.pasarkerthi.id': { name: 'Putu Pembeli', line1: 'Jl. Teuku Umar No. 12', city: 'Denpasar', postalCode: '80113', country: 'ID', phone: '+6281234500001' },
  'buyer@demo.pasarkerthi.id': { name: 'Emma Buyer', line1: '21 Smith Street', city: 'Melbourne', region: 'VIC', postalCode: '3065', country: 'AU' },
} as const;

/** Where each demo order ends up, and who moves it there (bank transfers confirmed by the platform). */
const PATHS: Array<Array<{ to: OrderStatus; by: 'system' | 'seller' | 'buyer' }>> = [
  [],
  [{ to: 'paid', by: 'system' }],
  [
    { to: 'paid', by: 'system' },
    { to: 'processing', by: 'seller' },
    { to: 'shipped', by: 'seller' },
  ],
  [
    { to: 'paid', by: 'system' },
    { to: 'processing', by: 'seller' },
    { to: 'shipped', by: 'seller' },
    { to: 'delivered', by: 'buyer' },
    { to: 'completed', by: 'buyer' },
  ],
];

/** A few orders in various states for the demo buyers, so order pages and dashboards have something to show. */
@Injectable()
export class CommerceDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placement: OrderPlacement,
    private readonly transitions: OrderTransitions,
    private readonly shipping: ShippingRatesService,
    private readonly users: UsersService,
    private readonly sellers: SellersService,
  ) {}

  @DemoSeeder(50)
  async seed(): Promise<void> {
    // Catalogue's public read views: the oldest well-stocked active products, those without variants.
    const rows: Array<{ id: string; seller_id: string; title: Text; price_amount: string; weight_grams: number | null; has_variants: boolean }> = await this.dataSource.query(
      `SELECT p.id, p.seller_id, p.title, p.price_amount, p.weight_grams,
              EXISTS (SELECT 1 FROM catalogue_product_variants_v v WHERE v.product_id = p.id) AS has_variants
       FROM catalogue_products_v p WHERE p.status = 'active' AND p.stock >= 10 ORDER BY p.created_at, p.id LIMIT 40`,
    );
    const simple = rows
      .filter((row) => !row.has_variants)
      .map((row) => ({ id: row.id, sellerId: row.seller_id, title: row.title, priceAmount: Number(row.price_amount), weightGrams: row.weight_grams }));
    const bySeller = [...new Map(simple.map((p) => [p.sellerId, p])).values()];
    if (bySeller.length === 0) return;
    let next = 0;
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'buyer')) {
      const buyer = await this.users.findByEmail(account.email);
      if (!buyer || (await this.dataSource.manager.exists(Order, { where: { buyerId: buyer.id } }))) continue;
      const address = ADDRESSES[account.email as keyof typeof ADDRESSES];
      if (!address) continue;
      for (const path of PATHS) {
        const product = bySeller[next++ % bySeller.length]!;
        await this.dataSource.transaction(async (manager) => {
          const zone = zoneOf(address)!;
          const order = await this.placement.createOrder(manager, {
            buyerId: buyer.id,
            sellerId: product.sellerId,
            lines: [{ productId: product.id, title: product.title, quantity: 1, unitPriceAmount: product.priceAmount, weightGrams: product.weightGrams ?? 0 }],
            shippingAddress: { ...address },
            shippingAmount: await this.shipping.cost(manager, zone, product.weightGrams ?? 0),
            shippingZone: zone,
            paymentMethod: 'bank_transfer',
          });
          const ownerId = (await this.sellers.owners([product.sellerId], manager)).get(product.sellerId) ?? null;
          for (const step of path) {
            const actor = step.by === 'buyer' ? { id: buyer.id, role: 'buyer' as const } : step.by === 'seller' ? { id: ownerId, role: 'seller' as const } : undefined;
            await this.transitions.transitionAs(
              manager,
              order.id,
              step.to,
              step.by === 'system' ? 'demo bank transfer matched' : null,
              actor,
              step.to === 'shipped' ? `JNE${order.id.slice(0, 10).toUpperCase()}` : undefined,
            );
          }
        });
      }
    }
  }
}
