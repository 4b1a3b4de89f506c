import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountPagesController } from './accounts/account-pages.controller.js';
import { EmailVerificationController } from './accounts/email-verification.controller.js';
import { PasswordResetController } from './accounts/password-reset.controller.js';
import { SessionsController } from './accounts/sessions.controller.js';
import { AdminUsersController } from './admin-users.controller.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { IdentityModule } from './identity.module.js';
import { MeController } from './me.controller.js';
import { MfaLoginController } from './mfa/mfa-login.controller.js';
import { MfaController } from './mfa/mfa.controller.js';
import { MfaPagesController } from './mfa/mfa-pages.controller.js';
import { PersonalDataPagesController } from './personal-data/personal-data-pages.controller.js';
import { PersonalDataController } from './personal-data/personal-data.controller.js';
import { RateLimitGuard } from '#libs/platform';

/** The HTTP side of identity: its API routes and pages. Only the web app imports it; the worker and the CLI take IdentityModule alone. */
@Module({
  imports: [IdentityModule],
  exports: [IdentityModule],
  controllers: [
    AuthController,
    MeController,
    AdminUsersController,
    MfaController,
    MfaLoginController,
    MfaPagesController,
    PersonalDataController,
    PersonalDataPagesController,
    PasswordResetController,
    EmailVerificationController,
    SessionsController,
    AccountPagesController,
  ],
  providers: [
    // Global guards run in the order they are registered: budgets per account need req.user from AuthGuard.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class IdentityHttpModule {}
