import { Body, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiController, RateLimit } from '#libs/platform';
import { Public } from '../auth.decorators.js';
import { MfaLoginDto, MfaLoginResult } from './mfa.dto.js';
import { MfaLogin } from './mfa-login.service.js';

@ApiController('auth/login', 'identity')
export class MfaLoginController {
  constructor(private readonly mfaLogin: MfaLogin) {}

  @Post('mfa')
  @Public()
  @RateLimit('mfa')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second sign-in step: the mfaToken from POST /auth/login with a TOTP or an unused recovery code' })
  @ApiOkResponse({ type: MfaLoginResult })
  @ApiUnauthorizedResponse({ description: 'Wrong code, or the mfaToken expired, was used or had too many wrong codes' })
  complete(@Body() body: MfaLoginDto, @Req() req: Request) {
    return this.mfaLogin.complete(body.mfaToken, body.code, req.ip ?? 'unknown');
  }
}
