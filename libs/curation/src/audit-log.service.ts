import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SignedInUser } from '#libs/identity';
import { paged, type Paged } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditLogQuery } from './curation.dto.js';
import { CuratorScope } from './curator-scope.service.js';

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  /** The subject's regency; looked up from `data.sellerId` or a `seller` subject when absent. */
  regency?: string | null;
}

export interface AuditEntryView {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  regency: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
}

/** The append-only trail of curation acts: written in the act's transaction, read with filters. */
@Injectable()
export class AuditLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: CuratorScope,
  ) {}

  /** Records one act inside the caller's transaction, so the entry exists exactly when the act commits. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    const sellerId = typeof input.data?.sellerId === 'string' ? input.data.sellerId : input.subjectType === 'seller' ? input.subjectId : null;
    let regency = input.regency;
    if (regency === undefined && sellerId) {
      const [row]: Array<{ regency: string }> = await manager.query(`SELECT regency FROM sellers WHERE id = $1`, [sellerId]);
      regency = row?.regency ?? null;
    }
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, regency, reason, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [input.actorId, input.action, input.subjectType, input.subjectId, regency ?? null, input.reason ?? null, input.data ? JSON.stringify(input.data) : null],
    );
  }

  /** Newest first; a regency curator sees only entries about their regency. */
  async list(user: SignedInUser, query: AuditLogQuery): Promise<Paged<AuditEntryView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    const regency = this.scope.regencyOf(user);
    if (regency) add('a.regency = ?', regency);
    if (query.action) add('a.action = ?', query.action);
    if (query.subjectType) add('a.subject_type = ?', query.subjectType);
    if (query.subjectId) add('a.subject_id = ?', query.subjectId);
    if (query.actorId) add('a.actor_id = ?', query.actorId);
    if (query.from) add('a.at >= ?', new Date(query.from));
    if (query.to) add('a.at <= ?', new Date(query.to));
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }]: Array<{ count: number }> = await this.dataSource.query(`SELECT count(*)::int AS count FROM audit_log a ${filter}`, params);
    const rows: AuditEntryView[] = await this.dataSource.query(
      `SELECT a.id, a.at, a.actor_id AS "actorId", u.name AS "actorName", a.action, a.subject_type AS "subjectType",
              a.subject_id AS "subjectId", a.regency, a.reason, a.data
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ${filter}
       ORDER BY a.at DESC, a.id LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`,
      params,
    );
    return paged(rows, count, query);
  }
}
