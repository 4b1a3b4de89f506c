import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isEmailAddress, RateLimit, t, ViewService } from '#libs/platform';
import { Authenticated, Public } from '../auth.decorators.js';
import { tokenFrom } from '../auth.guard.js';
import type { CurrentUser } from '../roles.js';
import { MfaSection } from '../mfa/mfa-section.js';
import { clearSessionCookie } from '../session-cookie.js';
import { EmailVerification } from './email-verification.service.js';
import { PasswordReset } from './password-reset.service.js';
import { Sessions } from './sessions.service.js';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const status = (error: unknown) => (error as { status?: number }).status ?? 500;
/** The field a 422 names (`token` or `password`). */
const field = (error: unknown) => (error as { getResponse?: () => { errors?: Array<{ field: string }> } }).getResponse?.().errors?.[0]?.field;

/**
 * The account pages, plain forms without script: forgotten password (`/forgot-password`, then the
 * mailed `/reset-password?token=`), the mailed `/verify-email?token=` (a button that posts, so a
 * mail scanner opening the link does not use it up), and `/dashboard/account` (sections: email, sessions).
 */
@Controller()
@ApiExcludeController()
export class AccountPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly reset: PasswordReset,
    private readonly verification: EmailVerification,
    private readonly sessions: Sessions,
    private readonly mfaSection: MfaSection,
  ) {}

  @Get('forgot-password')
  @Public()
  forgotForm(@Req() req: Request, @Res() res: Response) {
    this.views.page(req, res, 'identity/forgot-password', { titleKey: 'identity.forgot.title', sent: req.query.sent === '1' });
  }

  @Post('forgot-password')
  @Public()
  @RateLimit('accountEmail')
  async forgot(@Req() req: Request, @Res() res: Response) {
    const email = str(req.body?.email).trim().toLowerCase();
    const page = (data: Record<string, unknown>, code: number) => this.views.page(req, res, 'identity/forgot-password', { titleKey: 'identity.forgot.title', email, ...data }, { status: code });
    if (!isEmailAddress(email)) return page({ fieldError: t('identity.forgot.badEmail', req.lang) }, 422);
    try {
      const { link } = await this.reset.request(email, req.ip ?? 'unknown');
      if (this.reset.showsLinks) return page({ sent: true, devLink: link }, 200);
      res.redirect(303, `/forgot-password?sent=1${req.lang === 'en' ? '&lang=en' : ''}`);
    } catch (error) {
      if (status(error) !== 429) throw error;
      page({ formError: t('identity.forgot.throttled', req.lang) }, 429);
    }
  }

  @Get('reset-password')
  @Public()
  resetForm(@Req() req: Request, @Res() res: Response) {
    const token = str(req.query.token);
    this.views.page(req, res, 'identity/reset-password', { titleKey: 'identity.reset.title', token, badToken: !token });
  }

  @Post('reset-password')
  @Public()
  @RateLimit('password')
  async resetPassword(@Req() req: Request, @Res() res: Response) {
    const token = str(req.body?.token);
    try {
      await this.reset.confirm(token, str(req.body?.password));
      // Every session ended, this browser's too.
      clearSessionCookie(res);
      res.redirect(303, `/login?reset=1${req.lang === 'en' ? '&lang=en' : ''}`);
    } catch (error) {
      if (status(error) !== 422) throw error;
      const data = field(error) === 'password' ? { token, passwordError: t('auth.register.shortPassword', req.lang) } : { badToken: true };
      this.views.page(req, res, 'identity/reset-password', { titleKey: 'identity.reset.title', ...data }, { status: 422 });
    }
  }

  @Get('verify-email')
  @Public()
  verifyForm(@Req() req: Request, @Res() res: Response) {
    const token = str(req.query.token);
    const done = req.query.done === '1';
    this.views.page(req, res, 'identity/verify-email', { titleKey: 'identity.verify.title', token, done, badToken: !done && !token });
  }

  @Post('verify-email')
  @Public()
  async verify(@Req() req: Request, @Res() res: Response) {
    try {
      await this.verification.verify(str(req.body?.token));
      res.redirect(303, `/verify-email?done=1${req.lang === 'en' ? '&lang=en' : ''}`);
    } catch (error) {
      if (status(error) !== 422) throw error;
      this.views.page(req, res, 'identity/verify-email', { titleKey: 'identity.verify.title', badToken: true }, { status: 422 });
    }
  }

  @Post('verify-email/resend')
  @Authenticated()
  @RateLimit('accountEmail')
  async resend(@Req() req: Request, @Res() res: Response) {
    // Back to the account page's email section, saying what happened (nothing to say once verified).
    const back = (resent: 'sent' | 'throttled' | null) => {
      const query = [resent === 'sent' ? 'resent=1' : resent && `resent=${resent}`, req.lang === 'en' && 'lang=en'].filter(Boolean).join('&');
      res.redirect(303, `/dashboard/account${query ? `?${query}` : ''}#email`);
    };
    try {
      const { link, alreadyVerified } = await this.verification.resend(req.user as CurrentUser);
      if (link) return this.renderAccount(req, res, { devLink: link });
      back(alreadyVerified ? null : 'sent');
    } catch (error) {
      if (status(error) !== 429) throw error;
      back('throttled');
    }
  }

  @Get('dashboard/account')
  @Authenticated()
  async account(@Req() req: Request, @Res() res: Response) {
    await this.renderAccount(req, res, {});
  }

  @Post('dashboard/account/sessions/:id/end')
  @Authenticated()
  async endSession(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const current = (await this.sessions.list((req.user as CurrentUser).id, tokenFrom(req)?.token)).find((s) => s.current);
    await this.sessions.end((req.user as CurrentUser).id, id);
    if (current?.id === id) {
      clearSessionCookie(res);
      return res.redirect(303, '/login');
    }
    res.redirect(303, `/dashboard/account?ended=1${req.lang === 'en' ? '&lang=en' : ''}#sessions`);
  }

  private async renderAccount(req: Request, res: Response, data: { devLink?: string }) {
    const user = req.user as CurrentUser;
    const sessions = await this.sessions.list(user.id, tokenFrom(req)?.token);
    this.views.page(req, res, 'identity/account', {
      titleKey: 'identity.account.title',
      sessions: sessions.map((s) => ({ ...s, kindKey: `identity.sessions.kind.${s.kind}` })),
      mfa: await this.mfaSection.view(user, req.query.mfa),
      resent: req.query.resent === '1',
      resendThrottled: req.query.resent === 'throttled',
      ended: req.query.ended === '1',
      ...data,
    });
  }
}
