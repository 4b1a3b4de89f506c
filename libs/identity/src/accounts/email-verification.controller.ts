import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiController, RateLimit } from '#libs/platform';
import { Authenticated, CurrentUser, Public } from '../auth.decorators.js';
import type { CurrentUser as User } from '../roles.js';
import { VerifyEmailDto } from './accounts.dto.js';
import { EmailVerification } from './email-verification.service.js';

@ApiController('auth/verify-email', 'identity')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerification) {}

  @Post()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Verify the email with the mailed token (single use)' })
  @ApiNoContentResponse()
  @ApiUnprocessableEntityResponse({ description: 'Token unknown, used or expired' })
  async verify(@Body() body: VerifyEmailDto): Promise<void> {
    await this.verification.verify(body.token);
  }

  @Post('resend')
  @Authenticated()
  @RateLimit('accountEmail')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail the verification link again (nothing is sent once verified)' })
  @ApiAcceptedResponse()
  @ApiTooManyRequestsResponse({ description: 'Sent too often for this account' })
  async resend(@CurrentUser() user: User): Promise<void> {
    await this.verification.resend(user);
  }
}
