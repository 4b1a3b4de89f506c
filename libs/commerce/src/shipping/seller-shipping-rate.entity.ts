import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../money-column.js';
import type { ZoneService } from './shipping-services.js';

/** One row of a seller's own zone table: a service to a zone, first kilogram + each further kilogram. */
@Entity('seller_shipping_rates')
export class SellerShippingRate {
  @PrimaryColumn('uuid', { name: 'seller_id' })
  sellerId: string;

  @PrimaryColumn('text')
  zone: string;

  @PrimaryColumn('text')
  service: ZoneService;

  @Column('bigint', { name: 'first_kg_amount', transformer: bigintNumber })
  firstKgAmount: number;

  @Column('bigint', { name: 'per_kg_amount', transformer: bigintNumber })
  perKgAmount: number;

  @Column('text', { default: 'IDR' })
  currency: string;

  @Column('int', { name: 'eta_min_days' })
  etaMinDays: number;

  @Column('int', { name: 'eta_max_days' })
  etaMaxDays: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
