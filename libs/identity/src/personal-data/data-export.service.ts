import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MfaService } from '../mfa/mfa.service.js';
import type { CurrentUser } from '../roles.js';
import { PersonalDataSections } from './personal-data-sections.js';

/** `GET /me/data-export`: everything held about the caller, identity's own part and every registered section. */
@Injectable()
export class DataExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
    private readonly mfa: MfaService,
  ) {}

  async export(user: CurrentUser): Promise<Record<string, unknown>> {
    // Every column of the account but the password hash, so columns added later (consents…) are exported too.
    const [profile]: Array<{ profile: Record<string, unknown> }> = await this.dataSource.query(`SELECT to_jsonb(u) - 'password_hash' AS profile FROM users u WHERE u.id = $1`, [user.id]);
    const sessions: unknown[] = await this.dataSource.query(
      `SELECT id, kind, user_agent AS "userAgent", created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
       FROM auth_tokens WHERE user_id = $1 ORDER BY created_at DESC`,
      [user.id],
    );
    const { enabled, recoveryCodesLeft } = await this.mfa.status(user.id);
    const document: Record<string, unknown> = {
      exportedAt: new Date().toISOString(),
      profile: profile?.profile ?? null,
      twoFactor: { enabled, recoveryCodesLeft },
      sessions,
    };
    for (const section of this.sections.all()) document[section.name] = await section.export(user);
    return document;
  }
}
