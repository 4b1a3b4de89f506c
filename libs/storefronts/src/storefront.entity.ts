import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';
import type { StorefrontDocument } from './theme-schema.js';

/** A seller's storefront: the draft being edited and which version is live. */
@Entity('storefronts')
export class Storefront extends BaseEntity {
  @Column('uuid', { name: 'seller_id', unique: true })
  sellerId: string;

  @Column('jsonb')
  draft: StorefrontDocument;

  @Column('int', { name: 'published_version', nullable: true })
  publishedVersion: number | null;
}
