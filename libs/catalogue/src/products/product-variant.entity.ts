import { BaseEntity } from '#libs/platform';
import { Column, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';
import { Product, type Dimensions } from './product.entity.js';

@Entity('product_variants')
export class ProductVariant extends BaseEntity {
  @Column('uuid', { name: 'product_id' })
  productId: string;

  @ManyToOne(() => Product, (product) => product.variants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  @Column('text')
  sku: string;

  @Column('jsonb', { default: {} })
  options: Record<string, string>;

  /** Null: the product's price. */
  @Column('bigint', { name: 'price_amount', nullable: true, transformer: bigintNumber })
  priceAmount: number | null;

  @Column('int')
  stock: number;

  @Column('int', { default: 0 })
  position: number;

  /** Null: the product's weight. */
  @Column('int', { name: 'weight_grams', nullable: true })
  weightGrams: number | null;

  /** Null: the product's size. */
  @Column('jsonb', { nullable: true })
  dimensions: Dimensions | null;
}
