import './messages.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '#libs/identity';
import { NotificationMailer } from './notification-mailer.js';
import { Notification } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationsPersonalData } from './notifications-personal-data.js';

/** In-app notifications and their emails: any lib sends them with the `notify` job (NotifyJob in platform). */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), IdentityModule],
  providers: [NotificationsService, NotificationMailer, NotificationsPersonalData],
  exports: [NotificationsService],
})
export class NotificationsModule {}
