import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SignedInUser } from '#libs/identity';
import { conflict, invalid, notFound, type Money, type Text } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CartItem } from './cart-item.entity.js';
import { Cart } from './cart.entity.js';
import { lineKey, Purchasables, type Purchasable } from './purchasables.js';

/** Whose cart: a signed-in user's, or the guest cart named by the cookie. */
export interface CartOwner {
  userId?: string;
  /** The signed-in user, so the cart refuses products of sellers they manage. */
  user?: SignedInUser;
  guestCartId?: string;
}

export interface CartItemView {
  id: string;
  productId: string;
  variantId?: string;
  quantity: number;
  unitPrice: Money;
  sellerId: string;
  title: Text;
  options: Record<string, string>;
  lineTotal: Money;
  /** False when the product is no longer for sale or has less stock than asked. */
  available: boolean;
  stock: number;
}

export interface CartView {
  items: CartItemView[];
  subtotal: Money;
}

export const MAX_LINE_QUANTITY = 999;
const idr = (amount: number): Money => ({ amount, currency: 'IDR' });

/** Carts of buyers and guests, priced with today's catalogue. */
@Injectable()
export class CartService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly purchasables: Purchasables,
  ) {}

  async view(owner: CartOwner): Promise<CartView> {
    const cart = await this.find(this.dataSource.manager, owner);
    return this.render(this.dataSource.manager, cart ? await this.items(this.dataSource.manager, cart.id) : []);
  }

  /** Adds to the line of the same product and variant; returns the cart (and the guest cart id when one was created). */
  async add(owner: CartOwner, input: { productId: string; variantId?: string; quantity: number }): Promise<{ cart: CartView; item: CartItemView; guestCartId?: string }> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.findPurchasable(manager, input.productId, input.variantId);
      await this.access.assertNotOwnSeller(owner.user, [item.sellerId], 'productId', manager);
      let cart = await this.find(manager, owner);
      let guestCartId: string | undefined;
      if (!cart) {
        cart = await this.create(manager, owner.userId);
        if (!owner.userId) guestCartId = cart.id;
      }
      // One statement, so two adds at once land on one line; the stock check then sees the sum.
      const [line]: Array<{ id: string; quantity: number }> = await manager.query(
        `INSERT INTO cart_items (cart_id, product_id, variant_id, quantity) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cart_id, product_id, variant_id) DO UPDATE SET quantity = cart_items.quantity + excluded.quantity, updated_at = now()
         RETURNING id, quantity`,
        [cart.id, input.productId, input.variantId ?? null, input.quantity],
      );
      this.checkQuantity(item, line!.quantity, 'quantity');
      await manager.update(Cart, { id: cart.id }, { updatedAt: new Date() });
      const view = await this.render(manager, await this.items(manager, cart.id));
      return { cart: view, item: view.items.find((i) => i.id === line!.id)!, guestCartId };
    });
  }

  async update(owner: CartOwner, itemId: string, quantity: number): Promise<CartView> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.ownItem(manager, owner, itemId);
      this.checkQuantity(await this.findPurchasable(manager, item.productId, item.variantId ?? undefined), quantity, 'quantity');
      await manager.update(CartItem, { id: item.id }, { quantity });
      return this.render(manager, await this.items(manager, item.cartId));
    });
  }

  async remove(owner: CartOwner, itemId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const item = await this.ownItem(manager, owner, itemId);
      await manager.delete(CartItem, { id: item.id });
    });
  }

  /** Moves a guest cart's lines into the user's cart (adding quantities) and deletes the guest cart. */
  async merge(guestCartId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const guest = await manager.findOne(Cart, { where: { id: guestCartId, userId: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!guest) return;
      const target = (await this.find(manager, { userId })) ?? (await this.create(manager, userId));
      await manager.query(
        `INSERT INTO cart_items (cart_id, product_id, variant_id, quantity)
         SELECT $1, product_id, variant_id, least(quantity, ${MAX_LINE_QUANTITY}) FROM cart_items WHERE cart_id = $2
         ON CONFLICT (cart_id, product_id, variant_id)
         DO UPDATE SET quantity = least(cart_items.quantity + excluded.quantity, ${MAX_LINE_QUANTITY}), updated_at = now()`,
        [target.id, guest.id],
      );
      await manager.delete(Cart, { id: guest.id });
    });
  }

  /** The cart's lines with today's prices (locked: a checkout reads them once). */
  async linesFor(manager: EntityManager, userId: string): Promise<{ cartId: string | null; items: CartItem[] }> {
    const cart = await this.find(manager, { userId });
    if (!cart) return { cartId: null, items: [] };
    const items = await manager.find(CartItem, { where: { cartId: cart.id }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return { cartId: cart.id, items };
  }

  async clear(manager: EntityManager, cartId: string): Promise<void> {
    await manager.delete(CartItem, { cartId });
  }

  /** Puts lines back into the user's cart (a checkout that could not open its payment). */
  async putBack(manager: EntityManager, userId: string, items: readonly CartItem[]): Promise<void> {
    const cart = (await this.find(manager, { userId })) ?? (await this.create(manager, userId));
    for (const item of items) {
      await manager.query(
        `INSERT INTO cart_items (cart_id, product_id, variant_id, quantity) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cart_id, product_id, variant_id) DO UPDATE SET quantity = least(cart_items.quantity + excluded.quantity, ${MAX_LINE_QUANTITY}), updated_at = now()`,
        [cart.id, item.productId, item.variantId ?? null, item.quantity],
      );
    }
  }

  /** Removes guest carts nobody touched for 30 days. */
  async forgetStaleGuestCarts(): Promise<void> {
    await this.dataSource.query(`DELETE FROM carts WHERE user_id IS NULL AND updated_at < now() - interval '30 days'`);
  }

  private async find(manager: EntityManager, owner: CartOwner): Promise<Cart | null> {
    if (owner.userId) return manager.findOne(Cart, { where: { userId: owner.userId } });
    if (owner.guestCartId) return manager.findOne(Cart, { where: { id: owner.guestCartId, userId: IsNull() } });
    return null;
  }

  private async create(manager: EntityManager, userId: string | undefined): Promise<Cart> {
    if (userId) {
      // Two first adds at once must end in one cart per user.
      await manager.query(`INSERT INTO carts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [userId]);
      return manager.findOneOrFail(Cart, { where: { userId } });
    }
    return manager.save(Cart, manager.create(Cart, { userId: null }));
  }

  private async items(manager: EntityManager, cartId: string): Promise<CartItem[]> {
    return manager.find(CartItem, { where: { cartId }, order: { createdAt: 'ASC' } });
  }

  private async ownItem(manager: EntityManager, owner: CartOwner, itemId: string): Promise<CartItem> {
    const cart = await this.find(manager, owner);
    const item = cart ? await manager.findOne(CartItem, { where: { id: itemId, cartId: cart.id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!item) throw notFound('Cart item');
    return item;
  }

  private async findPurchasable(manager: EntityManager, productId: string, variantId: string | undefined): Promise<Purchasable> {
    const found = await this.purchasables.load(manager, [{ productId, variantId }]);
    const product = found.get(lineKey(productId, null));
    if (!product) throw notFound('Product');
    if (!product.active) throw invalid('productId', 'is not for sale');
    if (variantId) {
      const variant = found.get(lineKey(productId, variantId));
      if (!variant) throw invalid('variantId', 'is not a variant of this product');
      return variant;
    }
    if (product.hasVariants) throw invalid('variantId', 'this product has variants: choose one');
    return product;
  }

  private checkQuantity(item: Purchasable, quantity: number, field: string) {
    if (quantity > MAX_LINE_QUANTITY) throw invalid(field, `must be at most ${MAX_LINE_QUANTITY}`);
    if (!item.madeToOrder && quantity > item.stock) {
      throw conflict(`Not enough stock for ${item.title.id}: ${item.stock} left`, {
        errors: [{ field, message: `only ${item.stock} left` }],
        productId: item.productId,
        available: item.stock,
      });
    }
  }

  private async render(manager: EntityManager, items: CartItem[]): Promise<CartView> {
    const found = await this.purchasables.load(manager, items);
    const views: CartItemView[] = [];
    for (const item of items) {
      const product = found.get(lineKey(item.productId, item.variantId));
      if (!product) continue; // erased from the catalogue: nothing left to sell
      views.push({
        id: item.id,
        productId: item.productId,
        ...(item.variantId ? { variantId: item.variantId } : {}),
        quantity: item.quantity,
        unitPrice: idr(product.unitPriceAmount),
        sellerId: product.sellerId,
        title: product.title,
        options: product.options,
        lineTotal: idr(product.unitPriceAmount * item.quantity),
        available: product.active && (product.madeToOrder || product.stock >= item.quantity),
        stock: product.stock,
      });
    }
    return { items: views, subtotal: idr(views.reduce((sum, v) => sum + v.lineTotal.amount, 0)) };
  }
}
