import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService, clearSessionCookie, MfaLogin, Public, setSessionCookie, tokenFrom } from '#libs/identity';
import { APP_CONFIG, isEmailAddress, RateLimit, t, ViewService, type AppConfig, type FieldError } from '#libs/platform';
import { Inject } from '@nestjs/common';

/** Only same-site paths, so `next` cannot send people elsewhere. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\\\s]*$/.test(value) ? value : '/';
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Sign-in and sign-up forms that work without JavaScript (post, then redirect). */
@Controller()
@ApiExcludeController()
export class AuthPagesController {
  constructor(
    private readonly views: ViewService,
    private readonly auth: AuthService,
    private readonly mfaLogin: MfaLogin,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  loginForm(@Req() req: Request, @Res() res: Response) {
    this.views.page(req, res, 'pages/login', { next: safeNext(req.query.next), titleKey: 'auth.login.title' });
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  async login(@Req() req: Request, @Res() res: Response) {
    const email = str(req.body?.email);
    const next = safeNext(req.body?.next);
    try {
      const result = await this.auth.login(email, str(req.body?.password), req.ip ?? 'unknown', 'session');
      // With two-factor sign-in on, no session yet: the code's page carries the challenge in a hidden field.
      if ('mfaRequired' in result) return this.views.page(req, res, 'pages/login-mfa', { mfaToken: result.mfaToken, next, titleKey: 'mfa.login.title' });
      setSessionCookie(res, result.token, this.config.publicUrl.startsWith('https://'));
      res.redirect(303, next);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (status !== 401 && status !== 429) throw error;
      const message = t(status === 429 ? 'auth.login.throttled' : 'auth.login.wrong', req.lang);
      this.views.page(req, res, 'pages/login', { email, next, formError: message, titleKey: 'auth.login.title' }, { status });
    }
  }

  @Post('login/mfa')
  @Public()
  @RateLimit('mfa')
  async loginMfa(@Req() req: Request, @Res() res: Response) {
    const mfaToken = str(req.body?.mfaToken);
    const next = safeNext(req.body?.next);
    try {
      const { token } = await this.mfaLogin.complete(mfaToken, str(req.body?.code).slice(0, 40), req.ip ?? 'unknown');
      setSessionCookie(res, token, this.config.publicUrl.startsWith('https://'));
      res.redirect(303, next);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (status !== 401 && status !== 429) throw error;
      const wrongCode = !!(error as { getResponse?: () => { errors?: unknown[] } }).getResponse?.().errors;
      // A wrong code keeps the challenge (it allows a few); an expired or burnt one sends them back to the password.
      if (status === 401 && !wrongCode) return this.views.page(req, res, 'pages/login', { next, formError: t('mfa.login.expired', req.lang), titleKey: 'auth.login.title' }, { status });
      const formError = t(status === 429 ? 'auth.login.throttled' : 'mfa.login.wrong', req.lang);
      this.views.page(req, res, 'pages/login-mfa', { mfaToken, next, formError, titleKey: 'mfa.login.title' }, { status });
    }
  }

  @Get('register')
  @Public()
  registerForm(@Req() req: Request, @Res() res: Response) {
    this.views.page(req, res, 'pages/register', { role: req.query.role === 'artisan' ? 'artisan' : 'buyer', titleKey: 'auth.register.title' });
  }

  @Post('register')
  @Public()
  @RateLimit('signup')
  async register(@Req() req: Request, @Res() res: Response) {
    const form = { email: str(req.body?.email).trim().toLowerCase(), name: str(req.body?.name).trim(), role: req.body?.role === 'artisan' ? 'artisan' : 'buyer' };
    const password = str(req.body?.password);
    const errors: FieldError[] = [];
    if (!isEmailAddress(form.email)) errors.push({ field: 'email', message: t('auth.register.badEmail', req.lang) });
    if (!form.name || form.name.length > 120) errors.push({ field: 'name', message: t('auth.register.badName', req.lang) });
    if (password.length < 10 || password.length > 200) errors.push({ field: 'password', message: t('auth.register.shortPassword', req.lang) });
    if (errors.length === 0) {
      try {
        const { token } = await this.auth.register({ ...form, password, roles: [form.role as 'buyer' | 'artisan'], locale: req.lang }, 'session');
        setSessionCookie(res, token, this.config.publicUrl.startsWith('https://'));
        return res.redirect(303, form.role === 'artisan' ? '/dashboard' : '/');
      } catch (error) {
        if ((error as { status?: number }).status !== 409) throw error;
        errors.push({ field: 'email', message: t('auth.register.taken', req.lang) });
      }
    }
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    this.views.page(req, res, 'pages/register', { ...form, fieldErrors, titleKey: 'auth.register.title' }, { status: 422 });
  }

  @Post('logout')
  @Public()
  async logout(@Req() req: Request, @Res() res: Response) {
    const found = tokenFrom(req);
    if (found?.kind === 'session') await this.auth.logout(found.token);
    clearSessionCookie(res);
    res.redirect(303, '/');
  }
}
