import { Injectable } from '@nestjs/common';
import { invalid, JobQueue } from '#libs/platform';
import { LoginThrottle } from '../login-throttle.service.js';
import type { CurrentUser } from '../roles.js';
import { UsersService } from '../users.service.js';
import { AccountEmailJob, AccountMail } from './account-mail.js';
import { EmailTokens } from './email-tokens.service.js';

/** Verification mails asked for again per account in 15 minutes. */
const PER_ACCOUNT = 3;

/** Proves an account's email is its owner's: a link mailed at registration (and on request); payouts wait for it. */
@Injectable()
export class EmailVerification {
  constructor(
    private readonly users: UsersService,
    private readonly emailTokens: EmailTokens,
    private readonly mail: AccountMail,
    private readonly throttle: LoginThrottle,
    private readonly jobs: JobQueue,
  ) {}

  /** After registration: the link goes out through the job queue. */
  async sendAfterSignUp(userId: string): Promise<void> {
    await this.jobs.enqueue(AccountEmailJob, { purpose: 'email_verification', userId }, { dedupeKey: `identity.verify-email:${userId}` });
  }

  /** Sends the link again (throttled per account); nothing to send once verified. A developer's installation without SMTP answers with the link. */
  async resend(user: CurrentUser): Promise<{ link?: string; alreadyVerified?: true }> {
    if (user.emailVerified) return { alreadyVerified: true };
    await this.throttle.countAttempt(`verify:${user.id}`, PER_ACCOUNT);
    if (this.mail.linksInApp) return { link: (await this.mail.deliver({ purpose: 'email_verification', userId: user.id })) ?? undefined };
    await this.jobs.enqueue(AccountEmailJob, { purpose: 'email_verification', userId: user.id }, { dedupeKey: `identity.verify-email:${user.id}` });
    return {};
  }

  /** Uses the token: the address it was mailed to is verified, if the account still has it. */
  async verify(token: string): Promise<void> {
    const used = await this.emailTokens.consume('email_verification', token);
    if (!used) throw invalid('token', 'is unknown, used or expired: send a new link');
    const user = await this.users.findById(used.userId);
    if (!user || user.email.toLowerCase() !== used.email.toLowerCase()) throw invalid('token', 'was sent to an address the account no longer has');
    await this.users.markEmailVerified(user.id, user.email);
  }
}
