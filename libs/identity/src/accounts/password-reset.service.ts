import { Injectable } from '@nestjs/common';
import { invalid, JobQueue } from '#libs/platform';
import { LoginThrottle } from '../login-throttle.service.js';
import { TokenService } from '../token.service.js';
import { UsersService } from '../users.service.js';
import { AccountEmailJob, AccountMail } from './account-mail.js';
import { EmailTokens } from './email-tokens.service.js';

/** Reset requests per address and per client address in 15 minutes, whoever asks (on top of the route's `accountEmail` budget). */
const PER_ADDRESS = 3;
const PER_CLIENT = 20;

/** Forgotten passwords: a single-use link by email, valid 30 minutes; using it ends every session. */
@Injectable()
export class PasswordReset {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly emailTokens: EmailTokens,
    private readonly mail: AccountMail,
    private readonly throttle: LoginThrottle,
    private readonly jobs: JobQueue,
  ) {}

  /** Whether the forgot-password page shows the link (a developer's installation without SMTP). */
  get showsLinks(): boolean {
    return this.mail.linksInApp;
  }

  /**
   * Queues the mail whether or not the address has an account: the job looks the account up, so
   * the answer and its timing say nothing about it. Only a developer's installation without SMTP
   * answers with the link itself (`AccountMail.linksInApp`).
   */
  async request(email: string, client: string): Promise<{ link?: string }> {
    const address = email.trim().toLowerCase();
    await this.throttle.countAttempt(`reset-ip:${client}`, PER_CLIENT);
    await this.throttle.countAttempt(`reset:${address}`, PER_ADDRESS);
    if (this.mail.linksInApp) return { link: (await this.mail.deliver({ purpose: 'password_reset', email: address })) ?? undefined };
    await this.jobs.enqueue(AccountEmailJob, { purpose: 'password_reset', email: address }, { dedupeKey: `identity.password-reset:${address}` });
    return {};
  }

  /** Sets the new password (rules as at registration), ends every session, and counts the address as verified: the link reached it. */
  async confirm(token: string, password: string): Promise<void> {
    if (typeof password !== 'string' || password.length < 10 || password.length > 200) throw invalid('password', 'must be 10 to 200 characters');
    const used = await this.emailTokens.consume('password_reset', token);
    const user = used ? await this.users.findById(used.userId) : null;
    if (!used || !user || user.email.toLowerCase() !== used.email.toLowerCase()) throw invalid('token', 'is unknown, used or expired: ask for a new link');
    await this.users.setPassword(user.id, password);
    await this.tokens.revokeAllFor(user.id);
    await this.users.markEmailVerified(user.id, user.email);
    // A locked-out owner who proved the address may sign in at once.
    await this.throttle.recordSuccess(user.email);
  }
}
