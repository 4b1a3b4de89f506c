import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

/** An image a seller (or, for review photos, a user) uploaded; served only as the WebP renditions in `widths`. */
@Entity('media')
export class Media extends BaseEntity {
  @Column('uuid', { name: 'seller_id', nullable: true })
  sellerId: string | null;

  /** The user who owns an image that belongs to no seller. */
  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @Column('text', { name: 'original_name' })
  originalName: string;

  /** The detected type of the upload (never the one the client claimed). */
  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('int')
  bytes: number;

  @Column('int')
  width: number;

  @Column('int')
  height: number;

  @Column('int', { array: true })
  widths: number[];
}
