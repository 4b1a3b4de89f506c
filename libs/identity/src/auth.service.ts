import { Injectable } from '@nestjs/common';
import { Problem } from '#libs/platform';
import { EmailVerification } from './accounts/email-verification.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { MfaLogin } from './mfa/mfa-login.service.js';
import { PasswordService } from './password.service.js';
import { TokenService } from './token.service.js';
import { toUserView, UsersService, type NewUser } from './users.service.js';

const WRONG_CREDENTIALS = 'Email or password is wrong';

/** Register, sign in, sign out, change password. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly mfaLogin: MfaLogin,
    private readonly verification: EmailVerification,
  ) {}

  async register(input: NewUser, kind: 'api' | 'session' = 'api') {
    const user = await this.users.create(input);
    await this.verification.sendAfterSignUp(user.id);
    return { token: await this.tokens.issue(user.id, kind), user: toUserView(user) };
  }

  /**
   * The same 401 for an unknown email and a wrong password; a fresh token every time (no session fixation).
   * With MFA on, no token yet: a challenge for `MfaLogin.complete` instead.
   */
  async login(email: string, password: string, ip: string, kind: 'api' | 'session' = 'api') {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.users.findForLogin(email);
    const ok = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, ip);
      throw new Problem(401, WRONG_CREDENTIALS);
    }
    await this.throttle.recordSuccess(email);
    const mfaToken = await this.mfaLogin.challenge(user.id, kind);
    if (mfaToken) return { mfaRequired: true as const, mfaToken };
    return { token: await this.tokens.issue(user.id, kind), user: toUserView(user) };
  }

  logout(token: string): Promise<void> {
    return this.tokens.revoke(token);
  }

  /** Every other token and session of the user stops working; a new token is returned. */
  async changePassword(userId: string, email: string, current: string, next: string, ip: string) {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.users.findForLogin(email);
    if (!user || user.id !== userId || !(await this.passwords.verify(user.passwordHash, current))) {
      await this.throttle.recordFailure(email, ip);
      throw new Problem(403, 'The current password is wrong', { errors: [{ field: 'currentPassword', message: 'is wrong' }] });
    }
    await this.users.setPassword(userId, next);
    await this.tokens.revokeAllFor(userId);
    return { token: await this.tokens.issue(userId, 'api'), user: toUserView(user) };
  }
}
