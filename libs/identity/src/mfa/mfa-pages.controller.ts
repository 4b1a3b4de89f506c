import { Controller, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RateLimit, ViewService } from '#libs/platform';
import { Authenticated } from '../auth.decorators.js';
import type { CurrentUser } from '../roles.js';
import { MfaService } from './mfa.service.js';

const str = (value: unknown) => (typeof value === 'string' ? value.slice(0, 40) : '');
/** A refused code (422) or a state that changed meanwhile (409) goes back to the section with a notice; anything else is an error page. */
const refused = (error: unknown) => error instanceof HttpException && [409, 422].includes(error.getStatus());

/**
 * The forms of the account page's "Autentikasi dua langkah" section (`MfaSection`), without
 * JavaScript: start, confirm (the recovery codes are shown on the answer page, once), turn off.
 */
@Controller('dashboard/account/mfa')
@ApiExcludeController()
export class MfaPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly mfa: MfaService,
  ) {}

  @Post()
  @Authenticated()
  @RateLimit('mfa')
  async start(@Req() req: Request, @Res() res: Response) {
    await this.mfa.enrol(req.user as CurrentUser).catch((error: unknown) => {
      if (!refused(error)) throw error;
    });
    this.back(req, res);
  }

  @Post('confirm')
  @Authenticated()
  @RateLimit('mfa')
  async confirm(@Req() req: Request, @Res() res: Response) {
    try {
      const recoveryCodes = await this.mfa.confirm((req.user as CurrentUser).id, str(req.body?.code));
      res.setHeader('Cache-Control', 'no-store');
      this.views.page(req, res, 'identity/mfa-recovery-codes', { titleKey: 'mfa.section.codesTitle', recoveryCodes });
    } catch (error) {
      if (!refused(error)) throw error;
      this.back(req, res, 'wrong');
    }
  }

  @Post('disable')
  @Authenticated()
  @RateLimit('mfa')
  async disable(@Req() req: Request, @Res() res: Response) {
    try {
      await this.mfa.disable((req.user as CurrentUser).id, str(req.body?.code));
      this.back(req, res, 'off');
    } catch (error) {
      if (!refused(error)) throw error;
      this.back(req, res, 'wrong');
    }
  }

  private back(req: Request, res: Response, notice?: 'wrong' | 'off') {
    const query = [notice && `mfa=${notice}`, req.lang === 'en' && 'lang=en'].filter(Boolean).join('&');
    res.redirect(303, `/dashboard/account${query ? `?${query}` : ''}#mfa`);
  }
}
