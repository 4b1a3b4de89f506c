import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { paged, type Paged } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  /**
   * The regency the act concerns (a regency curator sees only its own), or null for acts
   * outside any regency; the caller knows it, as this lib reads no other lib's tables.
   */
  regency: string | null;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  regency: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
}

/** Filters of a listing; `regency` set: only entries about that regency. */
export interface AuditFilter {
  regency?: string | null;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  page: number;
  perPage: number;
}

/** The append-only trail of acts (a trigger refuses edits): written in the act's transaction, read with filters. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records one act inside the caller's transaction, so the entry exists exactly when the act commits. */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    await manager.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, regency, reason, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      input.actorId,
      input.action,
      input.subjectType,
      input.subjectId,
      input.regency,
      input.reason ?? null,
      input.data ? JSON.stringify(input.data) : null,
    ]);
  }

  /** Newest first. */
  async list(filter: AuditFilter): Promise<Paged<AuditEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.regency) add('regency = ?', filter.regency);
    if (filter.action) add('action = ?', filter.action);
    if (filter.subjectType) add('subject_type = ?', filter.subjectType);
    if (filter.subjectId) add('subject_id = ?', filter.subjectId);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at <= ?', filter.to);
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }]: Array<{ count: number }> = await this.dataSource.query(`SELECT count(*)::int AS count FROM audit_log ${condition}`, params);
    const rows: AuditEntry[] = await this.dataSource.query(
      `SELECT id, at, actor_id AS "actorId", action, subject_type AS "subjectType", subject_id AS "subjectId", regency, reason, data
       FROM audit_log ${condition}
       ORDER BY at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.perPage, (filter.page - 1) * filter.perPage],
    );
    return paged(rows, count, filter);
  }
}
