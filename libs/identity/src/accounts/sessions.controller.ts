import { Delete, Get, HttpCode, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiController } from '#libs/platform';
import { Authenticated, CurrentUser } from '../auth.decorators.js';
import { tokenFrom } from '../auth.guard.js';
import type { CurrentUser as User } from '../roles.js';
import { SessionDto } from './accounts.dto.js';
import { Sessions } from './sessions.service.js';

@ApiController('me/sessions', 'identity')
export class SessionsController {
  constructor(private readonly sessions: Sessions) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your signed-in devices and tokens, newest use first' })
  @ApiOkResponse({ type: [SessionDto] })
  list(@CurrentUser() user: User, @Req() req: Request) {
    return this.sessions.list(user.id, tokenFrom(req)?.token);
  }

  @Delete(':id')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of your sessions: its token stops working at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Not a live session of yours' })
  async end(@CurrentUser() user: User, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.sessions.end(user.id, id);
  }
}
