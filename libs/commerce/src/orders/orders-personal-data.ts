import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASED, PersonalDataSections, type SignedInUser } from '#libs/identity';
import { SellerAccess } from '#libs/sellers';
import { DataSource, type EntityManager } from 'typeorm';
import { ORDER_STATUSES, type OrderStatus } from './order-state-machine.js';

const FINAL: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded'];
const OPEN = ORDER_STATUSES.filter((s) => !FINAL.includes(s));

/**
 * Commerce's part of a person's data (UU PDP): their orders with addresses, payments and cart.
 * An open order blocks closing the account, bought or sold (the seller still has to ship it, the
 * buyer to receive it); orders stay for the tax records, with the buyer's name, phone and address
 * replaced (the country kept: it decides export and tax treatment).
 */
@Injectable()
export class OrdersPersonalData implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
    private readonly access: SellerAccess,
  ) {}

  onModuleInit(): void {
    this.sections.register({
      name: 'orders',
      export: (user) => this.export(user),
      blockers: (manager, user) => this.blockers(manager, user),
      erase: (manager, user) => this.erase(manager, user),
    });
  }

  private async export(user: SignedInUser) {
    const [orders, payments, cart] = await Promise.all([
      this.dataSource.query(
        `SELECT o.id, o.seller_id AS "sellerId", o.status, o.subtotal_amount AS "subtotalAmount", o.shipping_amount AS "shippingAmount",
                o.total_amount AS "totalAmount", o.currency, o.shipping_address AS "shippingAddress", o.payment_method AS "paymentMethod",
                o.tracking_number AS "trackingNumber", o.created_at AS "createdAt",
                coalesce((SELECT jsonb_agg(jsonb_build_object('productId', l.product_id, 'title', l.title, 'quantity', l.quantity,
                  'unitPriceAmount', l.unit_price_amount) ORDER BY l.id) FROM order_lines l WHERE l.order_id = o.id), '[]') AS lines
         FROM orders o WHERE o.buyer_id = $1 ORDER BY o.created_at DESC`,
        [user.id],
      ),
      this.dataSource.query(`SELECT id, method, status, amount, currency, reference, created_at AS "createdAt" FROM payments WHERE buyer_id = $1 ORDER BY created_at DESC`, [user.id]),
      this.dataSource.query(`SELECT i.product_id AS "productId", i.variant_id AS "variantId", i.quantity FROM carts c JOIN cart_items i ON i.cart_id = c.id WHERE c.user_id = $1`, [user.id]),
    ]);
    return { bought: orders, payments, cart };
  }

  private async blockers(manager: EntityManager, user: SignedInUser): Promise<string[]> {
    const sellerIds = await this.access.managedBy(user);
    const rows: Array<{ id: string; status: string; sold: boolean }> = await manager.query(
      `SELECT id, status, buyer_id <> $1 AS sold FROM orders
       WHERE status = ANY($3::text[]) AND (buyer_id = $1 OR seller_id = ANY($2::uuid[])) ORDER BY created_at`,
      [user.id, sellerIds, OPEN],
    );
    return rows.map((o) => `${o.sold ? 'order sold' : 'order bought'} ${o.id} is ${o.status.replace('_', ' ')}`);
  }

  private async erase(manager: EntityManager, user: SignedInUser): Promise<void> {
    await manager.query(
      `UPDATE orders SET shipping_address = jsonb_build_object('name', $2::text, 'line1', $2::text, 'city', $2::text, 'postalCode', $2::text,
         'phone', $2::text, 'country', shipping_address->>'country'), updated_at = now()
       WHERE buyer_id = $1`,
      [user.id, ERASED],
    );
    await manager.query(`DELETE FROM carts WHERE user_id = $1`, [user.id]);
  }
}
