import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../money-column.js';

/** The price of sending a parcel from Bali to one zone: the first kilogram, then each further one. */
@Entity('shipping_rates')
export class ShippingRate {
  @PrimaryColumn('text')
  zone: string;

  @Column('text')
  kind: 'domestic' | 'international';

  @Column('bigint', { name: 'first_kg_amount', transformer: bigintNumber })
  firstKgAmount: number;

  @Column('bigint', { name: 'per_kg_amount', transformer: bigintNumber })
  perKgAmount: number;

  @Column('text', { default: 'IDR' })
  currency: string;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
