import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string;
}

/** Writes moderation decisions to curation's audit log, in the decision's transaction. */
@Injectable()
export class ReviewAudit {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, reason) VALUES ($1, $2, $3, $4, $5)`, [
      entry.actorId,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.reason ?? null,
    ]);
  }
}
