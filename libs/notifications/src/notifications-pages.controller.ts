import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated } from '#libs/identity';
import { ViewService } from '#libs/platform';
import { NotificationsService, notificationMessage } from './notifications.service.js';

/** The signed-in user's notifications page: a plain list and a form that marks them read. */
@Controller()
@ApiExcludeController()
export class NotificationsPagesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly views: ViewService,
  ) {}

  @Get('notifications')
  @Authenticated()
  async notificationsPage(@Req() req: Request, @Res() res: Response) {
    const list = await this.notifications.list(req.user!.id, { page: 1, perPage: 50 });
    const items = list.items.map((n) => ({ ...n, line: notificationMessage(n.kind, n.params, req.lang) }));
    this.views.page(req, res, 'notifications/notifications', { items, titleKey: 'notifications.title' });
  }

  @Post('notifications/read')
  @Authenticated()
  async markRead(@Req() req: Request, @Res() res: Response) {
    await this.notifications.markAllRead(req.user!.id);
    res.redirect(303, '/notifications');
  }
}
