import { BaseEntity, type Text } from '#libs/platform';
import { Column, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { bigintNumber } from '../money-column.js';
import { Order } from './order.entity.js';

/** What was bought, with the title and price of the moment of purchase. */
@Entity('order_lines')
export class OrderLine extends BaseEntity {
  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @ManyToOne(() => Order, (order) => order.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<Order>;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'variant_id', nullable: true })
  variantId: string | null;

  @Column('jsonb')
  title: Text;

  @Column('int')
  quantity: number;

  @Column('bigint', { name: 'unit_price_amount', transformer: bigintNumber })
  unitPriceAmount: number;

  @Column('int', { name: 'weight_grams', default: 0 })
  weightGrams: number;

  /** False for a line made to order (an accepted quote, a made-to-order product): it reserved no stock, so gives none back. */
  @Column('boolean', { name: 'from_stock', default: true })
  fromStock: boolean;
}
