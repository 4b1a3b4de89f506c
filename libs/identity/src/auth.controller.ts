import { Body, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTooManyRequestsResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiController, RateLimit } from '#libs/platform';
import { Authenticated, CurrentUser, Public } from './auth.decorators.js';
import { tokenFrom } from './auth.guard.js';
import { AuthResult, ChangePasswordDto, LoginDto, RegisterDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { MfaRequiredView } from './mfa/mfa.dto.js';
import type { CurrentUser as User } from './roles.js';

@ApiController('auth', 'identity')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @RateLimit('signup')
  @ApiOperation({ summary: 'Create a buyer or artisan account and sign in' })
  @ApiCreatedResponse({ type: AuthResult })
  @ApiConflictResponse({ description: 'Email already registered' })
  register(@Body() body: RegisterDto) {
    return this.auth.register({ email: body.email, password: body.password, name: body.name, roles: [body.role], locale: body.locale });
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a new bearer token, or with two-step sign-in on a challenge for POST /auth/login/mfa (no token yet)' })
  @ApiExtraModels(AuthResult, MfaRequiredView)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(AuthResult) }, { $ref: getSchemaPath(MfaRequiredView) }] } })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or address' })
  login(@Body() body: LoginDto, @Req() req: Request) {
    return this.auth.login(body.email, body.password, req.ip ?? 'unknown');
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the token used for this request' })
  async logout(@Req() req: Request) {
    await this.auth.logout(tokenFrom(req)!.token);
  }

  @Post('password')
  @Authenticated()
  @RateLimit('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the password; every other token and session is revoked' })
  @ApiOkResponse({ type: AuthResult })
  changePassword(@Body() body: ChangePasswordDto, @CurrentUser() user: User, @Req() req: Request) {
    return this.auth.changePassword(user.id, user.email, body.currentPassword, body.newPassword, req.ip ?? 'unknown');
  }
}
