import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SignedInUser } from '#libs/identity';
import { DomainEvents, forbidden, invalid, notFound, Problem, Scheduled } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SellerAccess } from '../seller-access.service.js';
import { SellerDocument, type DocumentStatus } from './seller-document.entity.js';
import type { CreateDocumentDto } from '../sellers.dto.js';
import { sellerChanged } from '../sellers.service.js';
import { baliToday, effectiveStatus } from './verification.js';

export interface DocumentView {
  id: string;
  sellerId: string;
  type: string;
  number: string;
  issuedAt: string | null;
  expiresAt: string | null;
  /** `expired` when past expiresAt, whatever was decided. */
  status: DocumentStatus;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export function toDocumentView(doc: SellerDocument): DocumentView {
  return {
    id: doc.id,
    sellerId: doc.sellerId,
    type: doc.type,
    number: doc.number,
    issuedAt: doc.issuedAt,
    expiresAt: doc.expiresAt,
    status: effectiveStatus(doc),
    decisionReason: doc.decisionReason,
    decidedAt: doc.decidedAt,
    createdAt: doc.createdAt,
  };
}

/** Formalisation documents: managers declare them, curators decide, the public sees only badges. */
@Injectable()
export class SellerDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly events: DomainEvents,
  ) {}

  async add(user: SignedInUser, sellerId: string, dto: CreateDocumentDto): Promise<DocumentView> {
    await this.access.assertCanManage(user, sellerId);
    if (dto.type === 'NIB' && !/^\d{13}$/.test(dto.number)) throw invalid('number', 'an NIB has 13 digits');
    if (dto.type === 'NPWP' && !/^\d{15,16}$/.test(dto.number.replace(/[.-]/g, ''))) throw invalid('number', 'an NPWP has 15 or 16 digits');
    if (dto.issuedAt && dto.expiresAt && dto.expiresAt < dto.issuedAt) throw invalid('expiresAt', 'must not be before issuedAt');
    const doc = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(SellerDocument, { sellerId, type: dto.type, number: dto.number, issuedAt: dto.issuedAt ?? null, expiresAt: dto.expiresAt ?? null, status: 'pending' }),
      );
      await sellerChanged(this.events, manager, sellerId);
      return saved;
    });
    return toDocumentView(await this.dataSource.manager.findOneByOrFail(SellerDocument, { id: doc.id }));
  }

  /** For the seller's managers and curators in scope (404 unknown seller, 403 otherwise). */
  async list(user: SignedInUser, sellerId: string): Promise<DocumentView[]> {
    const [managed, curated] = await Promise.all([this.access.manageable(user, [sellerId]), this.access.inCuratorScope(user, [sellerId])]);
    if (!managed.has(sellerId) && !curated.has(sellerId)) await this.access.assertCanManage(user, sellerId);
    const docs = await this.dataSource.manager.find(SellerDocument, { where: { sellerId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return docs.map(toDocumentView);
  }

  /**
   * A curator's decision (curation calls this inside its own transaction, next to its audit
   * entry). Only pending documents are decided; a rejection needs a reason.
   */
  async decide(manager: EntityManager, user: SignedInUser, documentId: string, decision: 'approved' | 'rejected', reason: string | null): Promise<DocumentView> {
    const doc = await manager.findOne(SellerDocument, { where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
    if (!doc) throw notFound('Document');
    if (!(await this.access.inCuratorScope(user, [doc.sellerId], manager)).has(doc.sellerId)) throw forbidden('This seller is outside your curation scope');
    if (doc.status !== 'pending') throw new Problem(409, `This document is already ${doc.status}`);
    if (decision === 'rejected' && !reason?.trim()) throw invalid('reason', 'is required to reject a document');
    await manager.update(SellerDocument, { id: doc.id }, { status: decision, decisionReason: reason?.trim() || null, decidedBy: user.id, decidedAt: new Date() });
    await sellerChanged(this.events, manager, doc.sellerId);
    return toDocumentView(await manager.findOneByOrFail(SellerDocument, { id: doc.id }));
  }

  /**
   * Views already derive expiry from the date; writing it down hourly keeps the curators'
   * queue clean and re-indexes sellers whose badges just lapsed.
   */
  @Scheduled(60 * 60 * 1000)
  async expireDocuments(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ seller_id: string }> = await manager.query(
        `WITH expired AS (
           UPDATE seller_documents SET status = 'expired', updated_at = now()
           WHERE status IN ('pending', 'approved') AND expires_at < $1::date RETURNING seller_id)
         SELECT DISTINCT seller_id FROM expired`,
        [baliToday()],
      );
      const ids = rows.map((r) => r.seller_id);
      await sellerChanged(this.events, manager, ids);
      return ids.length;
    });
  }
}
