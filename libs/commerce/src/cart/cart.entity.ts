import { BaseEntity } from '#libs/platform';
import { Column, Entity, OneToMany, type Relation } from 'typeorm';
import { CartItem } from './cart-item.entity.js';

/** A signed-in buyer's cart (`userId`), or a guest's (no user; its id is in an HttpOnly cookie). */
@Entity('carts')
export class Cart extends BaseEntity {
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @OneToMany(() => CartItem, (item) => item.cart)
  items?: Relation<CartItem>[];
}
