import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountMail } from './accounts/account-mail.js';
import { EmailTokens } from './accounts/email-tokens.service.js';
import { EmailVerification } from './accounts/email-verification.service.js';
import { PasswordReset } from './accounts/password-reset.service.js';
import { Sessions } from './accounts/sessions.service.js';
import { AdminBootstrap } from './admin-bootstrap.service.js';
import { AuthToken } from './auth-token.entity.js';
import { DemoAccountsSeeder } from './demo-accounts.seeder.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { MfaLogin } from './mfa/mfa-login.service.js';
import { MfaSection } from './mfa/mfa-section.js';
import { MfaService } from './mfa/mfa.service.js';
import { StaffMfa } from './mfa/staff-mfa.js';
import { TotpSecretBox } from './mfa/totp-secret-box.js';
import { AccountClosureService } from './personal-data/account-closure.service.js';
import { DataExportService } from './personal-data/data-export.service.js';
import { PersonalDataSections } from './personal-data/personal-data-sections.js';
import { PasswordService } from './password.service.js';
import { TokenService } from './token.service.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

/** The services of identity, provided here and exported to the HTTP module and the libs that import this one. */
const SERVICES = [
  PasswordService,
  TokenService,
  LoginThrottle,
  UsersService,
  AuthService,
  AdminBootstrap,
  DemoAccountsSeeder,
  TotpSecretBox,
  MfaService,
  MfaLogin,
  StaffMfa,
  MfaSection,
  PersonalDataSections,
  DataExportService,
  AccountClosureService,
  EmailTokens,
  AccountMail,
  PasswordReset,
  EmailVerification,
  Sessions,
];

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken])],
  providers: [...SERVICES],
  exports: [...SERVICES],
})
export class IdentityModule {}
