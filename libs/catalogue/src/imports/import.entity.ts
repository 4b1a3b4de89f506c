import { BaseEntity, type FieldError } from '#libs/platform';
import { Column, Entity } from 'typeorm';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
export interface ImportError extends FieldError {
  row: number;
}

/** A CSV bulk import; the file is kept in the row so any worker process can run it. */
@Entity('imports')
export class CatalogueImport extends BaseEntity {
  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { nullable: true, select: false })
  source: string | null;

  @Column('text')
  status: ImportStatus;

  @Column('int')
  total: number;

  @Column('int')
  processed: number;

  @Column('int')
  created: number;

  @Column('int')
  updated: number;

  @Column('jsonb')
  errors: ImportError[];
}
