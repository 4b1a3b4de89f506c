import { BaseEntity } from '#libs/platform';
import { Column, Entity } from 'typeorm';

export const DOCUMENT_TYPES = ['NIB', 'NPWP', 'SPP_IRT', 'BPOM_MD', 'BPOM_NA', 'HALAL', 'SNI', 'SVLK', 'PIRT'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A formalisation document a seller declares; curators approve or reject it. */
@Entity('seller_documents')
export class SellerDocument extends BaseEntity {
  @Column('uuid', { name: 'seller_id' })
  sellerId: string;

  @Column('text')
  type: DocumentType;

  @Column('text')
  number: string;

  /** Dates as `YYYY-MM-DD` strings (PostgreSQL `date`). */
  @Column('date', { name: 'issued_at', nullable: true })
  issuedAt: string | null;

  @Column('date', { name: 'expires_at', nullable: true })
  expiresAt: string | null;

  @Column('text', { default: 'pending' })
  status: DocumentStatus;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
