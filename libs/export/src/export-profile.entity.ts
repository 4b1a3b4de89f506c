import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

export type ExportExperience = 'none' | 'indirect' | 'direct';
export type SamplePolicy = 'none' | 'free' | 'paid';

/** What a seller tells about its export plans; one per seller. */
@Entity('export_profiles')
export class ExportProfile extends BaseEntity {
  @Column('uuid', { name: 'seller_id', unique: true })
  sellerId: string;

  @Column('text', { name: 'export_experience' })
  exportExperience: ExportExperience;

  /** ISO 3166-1 alpha-2 codes or `EU`. */
  @Column('text', { name: 'target_markets', array: true })
  targetMarkets: string[];

  @Column('int', { name: 'production_capacity_per_month', nullable: true })
  productionCapacityPerMonth: number | null;

  @Column('boolean', { name: 'has_export_plan' })
  hasExportPlan: boolean;

  @Column('int', { name: 'export_staff' })
  exportStaff: number;

  @Column('text', { name: 'payment_terms', array: true })
  paymentTermsAccepted: string[];

  @Column('text', { name: 'port_of_loading', nullable: true })
  portOfLoading: string | null;

  @Column('text', { name: 'sample_policy', nullable: true })
  samplePolicy: SamplePolicy | null;

  @Column('boolean', { name: 'private_label' })
  privateLabel: boolean;

  @Column('boolean')
  oem: boolean;
}
