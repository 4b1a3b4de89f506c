import { BaseEntity, type Text } from '#libs/platform';
import { Column, Entity } from 'typeorm';
import type { Grade } from './kurasi-grade.js';

/** One kurasi of a seller; every assessment is kept, the newest is the current grade. */
@Entity('curation_assessments')
export class CurationAssessment extends BaseEntity {
  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('uuid', { name: 'curator_id', nullable: true })
  curatorId: string | null;

  @Column('smallint')
  legality: number;

  @Column('smallint', { name: 'product_quality' })
  productQuality: number;

  @Column('smallint', { name: 'packaging_labelling' })
  packagingLabelling: number;

  @Column('smallint', { name: 'capacity_continuity' })
  capacityContinuity: number;

  @Column('smallint', { name: 'market_reach' })
  marketReach: number;

  @Column('smallint')
  uniqueness: number;

  @Column('smallint')
  total: number;

  @Column('text')
  grade: Grade;

  @Column('jsonb')
  feedback: Text;
}
