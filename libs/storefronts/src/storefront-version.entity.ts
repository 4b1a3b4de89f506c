import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';
import type { StorefrontDocument } from './theme-schema.js';

/** A published storefront, frozen; every publish or rollback adds one, and only the last VERSIONS_KEPT (and the live one) are kept. */
@Entity('storefront_versions')
export class StorefrontVersion extends BaseEntity {
  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('int')
  version: number;

  @Column('jsonb')
  document: StorefrontDocument;

  @Column('uuid', { name: 'published_by', nullable: true })
  publishedBy: string | null;

  /** Set when this version republishes an older one (a rollback). */
  @Column('int', { name: 'restored_from', nullable: true })
  restoredFrom: number | null;
}
