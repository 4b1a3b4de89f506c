import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '#libs/audit';
import type { SignedInUser } from '#libs/identity';
import type { Text } from '#libs/platform';
import { SellerAccess } from '#libs/sellers';
import { DataSource } from 'typeorm';
import { CurationAssessment } from './curation-assessment.entity.js';
import type { CreateAssessmentDto } from './curation.dto.js';
import { CuratorScope } from './curator-scope.service.js';
import { gradeOf, KURASI_CRITERIA, type Grade, type KurasiScores } from './kurasi-grade.js';

export interface AssessmentView {
  id: string;
  sellerId: string;
  scores: KurasiScores;
  total: number;
  grade: Grade;
  feedback: Text;
  curatorId: string | null;
  createdAt: Date;
}

function toView(a: CurationAssessment): AssessmentView {
  return {
    id: a.id,
    sellerId: a.sellerId,
    scores: Object.fromEntries(KURASI_CRITERIA.map((key) => [key, a[key]])) as KurasiScores,
    total: a.total,
    grade: a.grade,
    feedback: a.feedback,
    curatorId: a.curatorId,
    createdAt: a.createdAt,
  };
}

/** Kurasi: a curator scores a seller on six criteria; the grade and feedback go to the seller. */
@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: CuratorScope,
    private readonly access: SellerAccess,
    private readonly audit: AuditLog,
  ) {}

  async create(user: SignedInUser, sellerId: string, dto: CreateAssessmentDto): Promise<AssessmentView> {
    await this.scope.assertSeller(user, sellerId);
    const regency = await this.scope.sellerRegency(sellerId);
    const { total, grade } = gradeOf(dto.scores);
    const feedback: Text = { id: dto.feedback.id, ...(dto.feedback.en ? { en: dto.feedback.en } : {}) };
    const saved = await this.dataSource.transaction(async (manager) => {
      const assessment = await manager.save(manager.create(CurationAssessment, { sellerId, curatorId: user.id, ...dto.scores, total, grade, feedback }));
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'assessment.create',
        subjectType: 'seller',
        subjectId: sellerId,
        reason: feedback.id,
        data: { assessmentId: assessment.id, grade, total, scores: { ...dto.scores } },
        regency,
      });
      return assessment;
    });
    return toView(saved);
  }

  /** History, newest first: for curators in scope and the seller's managers (404 unknown, 403 otherwise). */
  async list(user: SignedInUser, sellerId: string): Promise<AssessmentView[]> {
    const [managed, curated] = await Promise.all([this.access.manageable(user, [sellerId]), this.scope.sellersInScope(user, [sellerId])]);
    if (!managed.has(sellerId) && !curated.has(sellerId)) await this.access.assertCanManage(user, sellerId);
    const rows = await this.dataSource.manager.find(CurationAssessment, { where: { sellerId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(toView);
  }
}
