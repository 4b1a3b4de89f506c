import { Module } from '@nestjs/common';
import { NotificationsPagesController } from './notifications-pages.controller.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsModule } from './notifications.module.js';

/** The HTTP side of notifications: the API and the page. Only the web app imports it. */
@Module({
  imports: [NotificationsModule],
  exports: [NotificationsModule],
  controllers: [NotificationsController, NotificationsPagesController],
})
export class NotificationsHttpModule {}
