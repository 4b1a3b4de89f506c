import { Body, Delete, Get, Header, HttpCode, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { ApiController, RateLimit } from '#libs/platform';
import { Authenticated, CurrentUser } from '../auth.decorators.js';
import type { CurrentUser as User } from '../roles.js';
import { AccountClosureService } from './account-closure.service.js';
import { DataExportService } from './data-export.service.js';

export class CloseAccountDto {
  @ApiProperty({ description: 'The current password, to confirm' })
  @IsString()
  @MaxLength(200)
  password: string;
}

/** The caller's rights over their personal data (UU PDP, Law 27/2022): a copy of it, and erasure. */
@ApiController('me', 'identity')
export class PersonalDataController {
  constructor(
    private readonly exports: DataExportService,
    private readonly closure: AccountClosureService,
  ) {}

  @Get('data-export')
  @Authenticated()
  @Header('Content-Disposition', 'attachment; filename="pasar-kerthi-data.json"')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Everything held about you, as one JSON document (profile, sessions, orders, reviews, RFQs, notifications…)' })
  @ApiOkResponse({ description: 'The document; its keys are the parts of the platform holding data about you' })
  dataExport(@CurrentUser() user: User) {
    return this.exports.export(user);
  }

  @Delete()
  @Authenticated()
  @RateLimit('password')
  @HttpCode(202)
  @ApiOperation({ summary: 'Close the account and erase its personal data now; orders stay for the tax records without the buyer’s identity' })
  @ApiAcceptedResponse({ description: 'Closed: every session ended, sign-in refused' })
  @ApiConflictResponse({ description: 'Something is still open (orders, disputes, money held): `open` names each' })
  async close(@CurrentUser() user: User, @Body() body: CloseAccountDto, @Req() req: Request) {
    await this.closure.close(user, body.password, req.ip ?? 'unknown');
    return { status: 'closed' };
  }
}
