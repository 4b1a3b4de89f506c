import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditEntry } from '#libs/audit';
import { UsersService, type SignedInUser } from '#libs/identity';
import type { Paged } from '#libs/platform';
import type { AuditLogQuery } from './curation.dto.js';
import { CuratorScope } from './curator-scope.service.js';

export interface AuditEntryView extends AuditEntry {
  actorName: string | null;
}

/** The audit log as curators read it: a regency curator sees entries about their regency only. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly audit: AuditLog,
    private readonly scope: CuratorScope,
    private readonly users: UsersService,
  ) {}

  /** Newest first, with each actor's name. */
  async list(user: SignedInUser, query: AuditLogQuery): Promise<Paged<AuditEntryView>> {
    const result = await this.audit.list({
      regency: this.scope.regencyOf(user),
      action: query.action,
      subjectType: query.subjectType,
      subjectId: query.subjectId,
      actorId: query.actorId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      page: query.page,
      perPage: query.perPage,
    });
    const names = await this.users.names(result.items.flatMap((e) => (e.actorId ? [e.actorId] : [])));
    return { ...result, items: result.items.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })) };
  }
}
