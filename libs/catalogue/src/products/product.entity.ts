import { BaseEntity, type Text } from '#libs/platform';
import { Column, Entity, OneToMany, type Relation } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';
import type { ExportListing } from './export-listing.js';
import { ProductVariant } from './product-variant.entity.js';

export type ProductStatus = 'draft' | 'active' | 'archived';

export interface Dimensions {
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
}

@Entity('products')
export class Product extends BaseEntity {
  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  /** The seller's own key for CSV imports (rows with one handle are one product). */
  @Column('text', { nullable: true })
  handle: string | null;

  @Column('jsonb')
  title: Text;

  /** Sanitised rich text per language. */
  @Column('jsonb')
  description: Text;

  @Column('text', { name: 'category_slug' })
  categorySlug: string;

  @Column('bigint', { name: 'price_amount', transformer: bigintNumber })
  priceAmount: number;

  @Column('text', { name: 'price_currency', default: 'IDR' })
  priceCurrency: string;

  /** On hand; with variants, the sum of the variants' stock. */
  @Column('int')
  stock: number;

  @Column('text')
  status: ProductStatus;

  @Column('text', { array: true, default: () => "'{}'" })
  materials: string[];

  @Column('text', { nullable: true })
  technique: string | null;

  @Column('text', { name: 'origin_village', nullable: true })
  originVillage: string | null;

  @Column('int', { name: 'weight_grams', nullable: true })
  weightGrams: number | null;

  @Column('jsonb', { nullable: true })
  dimensions: Dimensions | null;

  /** Digits only (`090121`). */
  @Column('text', { name: 'hs_code', nullable: true })
  hsCode: string | null;

  @Column('jsonb', { nullable: true })
  export: ExportListing | null;

  /** Made when ordered: takes no ready stock, the order promises to ship within `productionDays`. */
  @Column('boolean', { name: 'made_to_order', default: false })
  madeToOrder: boolean;

  @Column('int', { name: 'production_days', nullable: true })
  productionDays: number | null;

  @OneToMany(() => ProductVariant, (variant) => variant.product)
  variants?: Relation<ProductVariant>[];
}
