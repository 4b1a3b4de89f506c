import { BaseEntity, type Text } from '#libs/platform';
import { Column, Entity, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Cooperative } from './cooperatives/cooperative.entity.js';

/** Where the seller's parcels leave from: couriers price and pick up by it. */
export interface ShipFrom {
  line1: string;
  district?: string;
  city: string;
  /** Five digits (Indonesia). */
  postalCode: string;
  /** E.164, for the courier's pickup. */
  phone: string;
}

export const BUSINESS_FORMS = ['informal', 'individual', 'cv', 'pt', 'cooperative'] as const;
export type BusinessForm = (typeof BUSINESS_FORMS)[number];

@Entity('sellers')
export class Seller extends BaseEntity {
  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @Column('uuid', { name: 'cooperative_id', nullable: true })
  cooperativeId: string | null;

  @ManyToOne(() => Cooperative, { nullable: true })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Relation<Cooperative> | null;

  @Column('text', { unique: true })
  slug: string;

  @Column('text')
  name: string;

  @Column('text')
  regency: string;

  @Column('text', { nullable: true })
  district: string | null;

  @Column('jsonb', { nullable: true })
  story: Text | null;

  /** E.164, e.g. +6281234567890. */
  @Column('text', { nullable: true })
  whatsapp: string | null;

  @Column('text', { name: 'business_form', default: 'informal' })
  businessForm: BusinessForm;

  @Column('uuid', { name: 'logo_image_id', nullable: true })
  logoImageId: string | null;

  @Column('uuid', { name: 'banner_image_id', nullable: true })
  bannerImageId: string | null;

  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @Column('text', { name: 'suspended_reason', nullable: true })
  suspendedReason: string | null;

  @Column('jsonb', { name: 'ship_from', nullable: true })
  shipFrom: ShipFrom | null;
}
