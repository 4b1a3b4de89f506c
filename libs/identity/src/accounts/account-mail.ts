import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, defineJob, JobHandler, LOGGER, Mailer, t, type AppConfig, type Logger } from '#libs/platform';
import { UsersService } from '../users.service.js';
import { EmailTokens, type EmailTokenPurpose } from './email-tokens.service.js';

export type AccountEmailPayload = { purpose: 'password_reset'; email: string } | { purpose: 'email_verification'; userId: string };

/**
 * `identity.account-email`: mail a password-reset link (by address: the job, not the request,
 * finds out whether the account exists, so both answers take the same path) or an email
 * verification link (by user). Its own job, so a mail server that is down is retried.
 */
export const AccountEmailJob = defineJob<AccountEmailPayload>('identity.account-email', { maxAttempts: 10 });

const PAGES: Record<EmailTokenPurpose, string> = { password_reset: '/reset-password', email_verification: '/verify-email' };

/** Issues the token of a mailed link and sends the link in the user's language through SMTP_URL, or writes it to the log without it. */
@Injectable()
export class AccountMail {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: EmailTokens,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Show the links on the page as well: no SMTP_URL on a developer's installation (SEED_DEMO, or the
   * embedded database), where the log is the only other way to them. Never with real accounts'
   * mail: that would hand anyone a reset link for any address.
   */
  get linksInApp(): boolean {
    return !this.mailer.enabled && (this.config.seedDemo || !this.config.databaseUrl);
  }

  @JobHandler(AccountEmailJob)
  async handle(payload: AccountEmailPayload): Promise<void> {
    await this.deliver(payload);
  }

  /** The link sent, or null when there is nobody to send it to (no such address, or already verified). */
  async deliver(payload: AccountEmailPayload): Promise<string | null> {
    const user =
      payload.purpose === 'password_reset'
        ? typeof payload.email === 'string'
          ? await this.users.findByEmail(payload.email)
          : null
        : typeof payload.userId === 'string'
          ? await this.users.findById(payload.userId)
          : null;
    if (!user || (payload.purpose === 'email_verification' && user.emailVerifiedAt)) return null;
    const lang = user.locale === 'en' ? 'en' : 'id';
    const token = await this.tokens.issue(user.id, user.email, payload.purpose);
    const link = `${this.config.publicUrl}${PAGES[payload.purpose]}?token=${token}${lang === 'en' ? '&lang=en' : ''}`;
    if (this.mailer.enabled) {
      await this.mailer.send({
        to: user.email,
        subject: t(`identity.mail.${payload.purpose}.subject`, lang),
        text: t(`identity.mail.${payload.purpose}.body`, lang, { name: user.name, link }),
      });
    } else {
      this.logger.info({ userId: user.id, purpose: payload.purpose, link }, 'account link not emailed (SMTP_URL is unset)');
    }
    return link;
  }
}
