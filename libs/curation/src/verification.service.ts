import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import type { SignedInUser } from '#libs/identity';
import { conflict, notFound, regencyName } from '#libs/platform';
import { SellerDocumentsService, SellersService, type DocumentView, type ManagedSellerView } from '#libs/sellers';
import { DataSource } from 'typeorm';
import { CuratorScope } from './curator-scope.service.js';

export interface QueueDocument {
  id: string;
  type: string;
  number: string;
  issuedAt: string | null;
  expiresAt: string | null;
  status: string;
  submittedAt: Date;
  seller: { id: string; slug: string; name: string; regency: string; regencyName: string };
}

export interface QueueSeller {
  id: string;
  slug: string;
  name: string;
  regency: string;
  regencyName: string;
  businessForm: string;
  createdAt: Date;
  pendingDocuments: number;
}

export interface VerificationQueue {
  documents: QueueDocument[];
  /** Sellers without any approved document yet, oldest first. */
  newSellers: QueueSeller[];
  /** Approved documents expiring within 30 days, soonest first. */
  expiring: QueueDocument[];
}

const QUEUE_LIMIT = 200;

/** The verification queue, document decisions and suspensions, each audit-logged in its transaction. */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: CuratorScope,
    private readonly documents: SellerDocumentsService,
    private readonly sellers: SellersService,
    private readonly audit: AuditLog,
  ) {}

  async queue(user: SignedInUser): Promise<VerificationQueue> {
    const regency = this.scope.regencyOf(user);
    const documentRows = (condition: string, order: string) =>
      this.dataSource.query(
        `SELECT d.id, d.type, d.number, to_char(d.issued_at, 'YYYY-MM-DD') AS "issuedAt", to_char(d.expires_at, 'YYYY-MM-DD') AS "expiresAt",
                d.status, d.created_at AS "submittedAt", s.id AS "sellerId", s.slug, s.name, s.regency
         FROM sellers_documents_v d JOIN sellers_public_v s ON s.id = d.seller_id
         WHERE ${condition} AND ($1::text IS NULL OR s.regency = $1)
         ORDER BY ${order} LIMIT ${QUEUE_LIMIT}`,
        [regency],
      ) as Promise<Array<Record<string, string> & { submittedAt: Date }>>;
    const bali = `(now() AT TIME ZONE 'Asia/Makassar')::date`;
    const [pending, expiring, newSellers] = await Promise.all([
      documentRows(`d.status = 'pending'`, 'd.created_at, d.id'),
      documentRows(`d.status = 'approved' AND d.expires_at >= ${bali} AND d.expires_at <= ${bali} + 30`, 'd.expires_at, d.id'),
      this.dataSource.query(
        `SELECT s.id, s.slug, s.name, s.regency, s.business_form AS "businessForm", s.created_at AS "createdAt",
                (SELECT count(*)::int FROM sellers_documents_v d WHERE d.seller_id = s.id AND d.status = 'pending') AS "pendingDocuments"
         FROM sellers_public_v s
         WHERE s.suspended_at IS NULL AND ($1::text IS NULL OR s.regency = $1)
           AND NOT EXISTS (SELECT 1 FROM sellers_documents_v d WHERE d.seller_id = s.id AND d.status = 'approved')
         ORDER BY s.created_at, s.id LIMIT ${QUEUE_LIMIT}`,
        [regency],
      ) as Promise<Array<Omit<QueueSeller, 'regencyName'>>>,
    ]);
    const toDocument = (row: Record<string, string> & { submittedAt: Date }): QueueDocument => ({
      id: row.id!,
      type: row.type!,
      number: row.number!,
      issuedAt: row.issuedAt ?? null,
      expiresAt: row.expiresAt ?? null,
      status: row.status!,
      submittedAt: row.submittedAt,
      seller: { id: row.sellerId!, slug: row.slug!, name: row.name!, regency: row.regency!, regencyName: regencyName(row.regency!) },
    });
    return {
      documents: pending.map(toDocument),
      newSellers: newSellers.map((s) => ({ ...s, regencyName: regencyName(s.regency) })),
      expiring: expiring.map(toDocument),
    };
  }

  /** 404 unknown document, 403 outside the scope, 422 a rejection without reason, 409 already decided. */
  async decide(user: SignedInUser, documentId: string, decision: 'approve' | 'reject', reason: string | undefined): Promise<DocumentView> {
    const [doc]: Array<{ sellerId: string }> = await this.dataSource.query(`SELECT seller_id AS "sellerId" FROM sellers_documents_v WHERE id = $1`, [documentId]);
    if (!doc) throw notFound('Document');
    await this.scope.assertSeller(user, doc.sellerId);
    const regency = await this.scope.sellerRegency(doc.sellerId);
    return this.dataSource.transaction(async (manager) => {
      // SellerDocumentsService records `SellerChanged` (verification badges change) in this transaction.
      const view = await this.documents.decide(manager, user, documentId, decision === 'approve' ? 'approved' : 'rejected', reason?.trim() || null);
      await this.audit.record(manager, {
        actorId: user.id,
        action: `document.${decision}`,
        subjectType: 'seller_document',
        subjectId: documentId,
        reason: view.decisionReason,
        data: { sellerId: doc.sellerId, type: view.type },
        regency,
      });
      return view;
    });
  }

  /** Hides the seller from the public (pages, search) until reinstated. */
  suspend(user: SignedInUser, sellerId: string, reason: string): Promise<ManagedSellerView> {
    return this.setSuspension(user, sellerId, reason, true);
  }

  reinstate(user: SignedInUser, sellerId: string, reason: string): Promise<ManagedSellerView> {
    return this.setSuspension(user, sellerId, reason, false);
  }

  private async setSuspension(user: SignedInUser, sellerId: string, reason: string, suspend: boolean): Promise<ManagedSellerView> {
    await this.scope.assertSeller(user, sellerId);
    await this.dataSource.transaction(async (manager) => {
      const seller = await this.sellers.findForUpdate(manager, sellerId);
      if (!seller) throw notFound('Seller');
      if (suspend === !!seller.suspendedAt) throw conflict(suspend ? 'This seller is already suspended' : 'This seller is not suspended');
      // Sellers owns the columns and records `SellerChanged` in this transaction.
      await this.sellers.setSuspension(manager, sellerId, suspend ? reason : null);
      await this.audit.record(manager, { actorId: user.id, action: suspend ? 'seller.suspend' : 'seller.reinstate', subjectType: 'seller', subjectId: sellerId, reason, regency: seller.regency });
    });
    return this.sellers.managedView(sellerId);
  }
}
