import { Controller, Get, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RateLimit, t, ViewService } from '#libs/platform';
import { Authenticated, Public } from '../auth.decorators.js';
import type { CurrentUser } from '../roles.js';
import { clearSessionCookie } from '../session-cookie.js';
import { AccountClosureService } from './account-closure.service.js';
import { PRIVACY_ROWS } from './personal-data.messages.js';

const ROWS = PRIVACY_ROWS.map((row) => ({ what: `privacy.row.${row}.what`, why: `privacy.row.${row}.why`, howLong: `privacy.row.${row}.howLong` }));

/** `/privacy` for everyone, and the form that closes the signed-in account (the export is the API's download link). */
@Controller()
@ApiExcludeController()
export class PersonalDataPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly closure: AccountClosureService,
  ) {}

  @Get('privacy')
  @Public()
  privacy(@Req() req: Request, @Res() res: Response) {
    this.views.page(req, res, 'identity/privacy', { titleKey: 'privacy.title', rows: ROWS, closed: req.query.closed === '1' });
  }

  @Get('dashboard/account/close')
  @Authenticated()
  closeForm(@Req() req: Request, @Res() res: Response) {
    this.views.page(req, res, 'identity/close-account', { titleKey: 'privacy.close.title' });
  }

  @Post('dashboard/account/close')
  @Authenticated()
  @RateLimit('password')
  async close(@Req() req: Request, @Res() res: Response) {
    try {
      await this.closure.close(req.user as CurrentUser, typeof req.body?.password === 'string' ? req.body.password : '', req.ip ?? 'unknown');
      clearSessionCookie(res);
      res.redirect(303, `/privacy?closed=1${req.lang === 'en' ? '&lang=en' : ''}`);
    } catch (error) {
      const status = error instanceof HttpException ? error.getStatus() : 500;
      if (status !== 403 && status !== 409 && status !== 429) throw error;
      const open = status === 409 ? ((error as HttpException).getResponse() as { open?: string[] }).open : undefined;
      const passwordError = status === 403 ? t('privacy.close.wrong', req.lang) : status === 429 ? t('auth.login.throttled', req.lang) : undefined;
      this.views.page(req, res, 'identity/close-account', { titleKey: 'privacy.close.title', open, passwordError }, { status });
    }
  }
}
