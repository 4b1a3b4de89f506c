import { Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type SignedInUser } from '#libs/identity';
import { ApiController, PageQuery } from '#libs/platform';
import { NotificationsService } from './notifications.service.js';

@ApiController('notifications', 'notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your notifications, newest first' })
  @ApiOkResponse({ description: '{ items: [{ id, kind, params, message: { id, en }, read, createdAt }], total, page, perPage }' })
  list(@CurrentUser() user: SignedInUser, @Query() query: PageQuery) {
    return this.notifications.list(user.id, query);
  }

  @Post('read')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiNoContentResponse()
  async read(@CurrentUser() user: SignedInUser) {
    await this.notifications.markAllRead(user.id);
  }
}
