import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { conflict, Problem } from '#libs/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { LoginThrottle } from '../login-throttle.service.js';
import { MfaService } from '../mfa/mfa.service.js';
import { PasswordService } from '../password.service.js';
import type { CurrentUser } from '../roles.js';
import { UsersService } from '../users.service.js';
import { ERASED, PersonalDataSections } from './personal-data-sections.js';

/**
 * `DELETE /me` (UU PDP right to erasure): with the password, in one transaction, every section's
 * blockers are read (409 naming them), then every section erases its part and the account itself is
 * anonymised and closed, its sessions ended. Nothing is half-erased: a failing section rolls it all back.
 */
@Injectable()
export class AccountClosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottle,
    private readonly mfa: MfaService,
  ) {}

  async close(user: CurrentUser, password: string, ip: string): Promise<void> {
    await this.throttle.assertAllowed(user.email, ip);
    const found = await this.users.findForLogin(user.email);
    if (!found || found.id !== user.id || !(await this.passwords.verify(found.passwordHash, password))) {
      await this.throttle.recordFailure(user.email, ip);
      throw new Problem(403, 'The password is wrong', { errors: [{ field: 'password', message: 'is wrong' }] });
    }
    await this.dataSource.transaction(async (manager) => {
      // The row lock serialises two closures of one account, and orders after sign-ins that read it.
      await manager.query(`SELECT id FROM users WHERE id = $1 AND closed_at IS NULL FOR UPDATE`, [user.id]);
      const open: string[] = [];
      for (const section of this.sections.all()) open.push(...((await section.blockers?.(manager, user)) ?? []));
      if (open.length) throw conflict(`Close these first, then delete the account: ${open.join('; ')}`, { open });
      for (const section of this.sections.all()) await section.erase?.(manager, user);
      await this.eraseAccount(manager, user.id);
    });
  }

  /**
   * identity's own part: the account stays as a row (orders, reviews and the ledger refer to it) with
   * nothing personal left; no email or password matches it again, so it can never sign in.
   */
  private async eraseAccount(manager: EntityManager, userId: string): Promise<void> {
    await this.mfa.remove(manager, userId);
    await manager.query(`DELETE FROM auth_mfa_challenges WHERE user_id = $1`, [userId]);
    // Mailed links hold the address, and a reset link would otherwise set a password on the closed account.
    await manager.query(`DELETE FROM auth_email_tokens WHERE user_id = $1`, [userId]);
    await manager.query(`UPDATE auth_tokens SET revoked_at = coalesce(revoked_at, now()), user_agent = NULL WHERE user_id = $1`, [userId]);
    await manager.query(
      `UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', name = $2, password_hash = '!closed', roles = '{}',
         regency = NULL, cooperative_id = NULL, closed_at = now(), updated_at = now()
       WHERE id = $1`,
      [userId, ERASED],
    );
  }
}
