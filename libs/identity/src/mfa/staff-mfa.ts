import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Problem, type AppConfig } from '#libs/platform';
import type { AuthPolicy } from '../auth.decorators.js';
import type { CurrentUser } from '../roles.js';
import { MfaService } from './mfa.service.js';

const STAFF_ROLES: readonly string[] = ['admin', 'curator'];
/** Where the account page's two-factor section is: the 403 page links to it. */
export const MFA_SETUP_PATH = '/dashboard/account#mfa';

/**
 * STAFF_MFA=required: staff accounts suspend sellers and decide disputes, so their routes (those
 * whose policy names admin or curator) refuse them until they have two-factor sign-in. Everything
 * else, the account page and the MFA routes included, stays open so they can set it up.
 */
@Injectable()
export class StaffMfa {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mfa: MfaService,
  ) {}

  async assert(policy: AuthPolicy, user: CurrentUser): Promise<void> {
    if (this.config.staffMfa !== 'required' || !policy.roles.some((role) => STAFF_ROLES.includes(role))) return;
    // A route also open to a non-staff role the caller holds (an artisan's, say) lets them in as that role.
    if (policy.roles.some((role) => !STAFF_ROLES.includes(role) && user.roles.includes(role))) return;
    if (await this.mfa.isEnabled(user.id)) return;
    throw new Problem(403, 'Staff routes need two-factor sign-in (STAFF_MFA=required): turn it on from your account page first', {
      type: 'https://pasarkerthi.id/problems/mfa-required',
      mfaSetupUrl: MFA_SETUP_PATH,
    });
  }
}
