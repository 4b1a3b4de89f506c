import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UsersService } from '#libs/identity';
import { APP_CONFIG, JobHandler, Mailer, t, type AppConfig } from '#libs/platform';
import { DataSource } from 'typeorm';
import { Notification } from './notification.entity.js';
import { notificationLink, notificationMessage, NotifyEmailJob } from './notifications.service.js';

/** Emails each in-app notification through SMTP_URL, when set, in the recipient's language. */
@Injectable()
export class NotificationMailer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly mailer: Mailer,
  ) {}

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Its own job, so a mail server being down retries the email without repeating the in-app notice. */
  @JobHandler(NotifyEmailJob)
  async send(payload: { notificationId: string }): Promise<void> {
    if (!this.mailer.enabled || typeof payload.notificationId !== 'string') return;
    const notification = await this.dataSource.manager.findOneBy(Notification, { id: payload.notificationId });
    const user = notification ? (await this.users.contacts([notification.userId])).get(notification.userId) : undefined;
    if (!notification || !user) return;
    const lang = user.locale === 'en' ? 'en' : 'id';
    const message = notificationMessage(notification.kind, notification.params, lang);
    const link = notificationLink(notification.params);
    await this.mailer.send({
      to: user.email,
      subject: `${t('site.name', lang)}: ${message}`,
      text: link ? `${message}\n\n${this.config.publicUrl}${link}\n` : `${message}\n`,
    });
  }
}
