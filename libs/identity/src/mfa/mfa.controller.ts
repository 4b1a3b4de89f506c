import { Body, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController, RateLimit } from '#libs/platform';
import { Authenticated, CurrentUser } from '../auth.decorators.js';
import type { CurrentUser as User } from '../roles.js';
import { MfaCodeDto, MfaSetupView, RecoveryCodesView } from './mfa.dto.js';
import { MfaService } from './mfa.service.js';

/** Two-factor sign-in of the signed-in user (reachable under STAFF_MFA=required, so staff can set it up). */
@ApiController('me/mfa', 'identity')
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Post('totp')
  @Authenticated()
  @RateLimit('mfa')
  @ApiOperation({ summary: 'Start TOTP enrolment: a secret for the authenticator app, not active until confirmed' })
  @ApiCreatedResponse({ type: MfaSetupView })
  @ApiConflictResponse({ description: 'Two-factor sign-in is already on' })
  enrol(@CurrentUser() user: User) {
    return this.mfa.enrol(user);
  }

  @Post('totp/confirm')
  @Authenticated()
  @RateLimit('mfa')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn two-factor sign-in on with the first code; returns ten single-use recovery codes' })
  @ApiOkResponse({ type: RecoveryCodesView })
  async confirm(@CurrentUser() user: User, @Body() body: MfaCodeDto) {
    return { recoveryCodes: await this.mfa.confirm(user.id, body.code) };
  }

  @Delete()
  @Authenticated()
  @RateLimit('mfa')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn two-factor sign-in off with a current code or a recovery code' })
  @ApiNoContentResponse()
  async disable(@CurrentUser() user: User, @Body() body: MfaCodeDto) {
    await this.mfa.disable(user.id, body.code);
  }
}
