import { BaseEntity } from '#libs/platform';
import { Column, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Cart } from './cart.entity.js';

@Entity('cart_items')
export class CartItem extends BaseEntity {
  @Column('uuid', { name: 'cart_id' })
  cartId: string;

  @ManyToOne(() => Cart, (cart) => cart.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cart_id' })
  cart?: Relation<Cart>;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'variant_id', nullable: true })
  variantId: string | null;

  @Column('int')
  quantity: number;
}
