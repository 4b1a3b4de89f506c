import { Body, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiController, RateLimit } from '#libs/platform';
import { Public } from '../auth.decorators.js';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from './accounts.dto.js';
import { PasswordReset } from './password-reset.service.js';

@ApiController('auth/password-reset', 'identity')
export class PasswordResetController {
  constructor(private readonly reset: PasswordReset) {}

  @Post()
  @Public()
  @RateLimit('accountEmail')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a single-use link (30 minutes) to set a new password; the same answer whether or not the email has an account' })
  @ApiAcceptedResponse({ description: 'Accepted (a link is mailed if the account exists)' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests for this address or from this client' })
  async request(@Body() body: PasswordResetRequestDto, @Req() req: Request): Promise<void> {
    // The link itself never goes back in the API's answer, even where the pages show it.
    await this.reset.request(body.email, req.ip ?? 'unknown');
  }

  @Post('confirm')
  @Public()
  @RateLimit('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the mailed token; every session of the account ends' })
  @ApiNoContentResponse()
  @ApiUnprocessableEntityResponse({ description: 'Token unknown, used or expired; or a password under 10 characters' })
  async confirm(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.reset.confirm(body.token, body.password);
  }
}
