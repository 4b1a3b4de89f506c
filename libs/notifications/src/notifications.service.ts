import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, defineJob, JobHandler, JobQueue, NotifyJob, paged, t, type AppConfig, type Lang, type NotifyPayload, type Paged } from '#libs/platform';
import { Repository } from 'typeorm';
import { UsersService } from '#libs/identity';
import { Notification } from './notification.entity.js';

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  /** The message in Indonesian and English. */
  message: { id: string; en: string };
  link?: string;
  read: boolean;
  createdAt: string;
}

export function notificationMessage(kind: string, params: Record<string, unknown>, lang: Lang): string {
  const orderId = typeof params.orderId === 'string' ? params.orderId.slice(0, 8) : '';
  const key = `notify.${kind}${params.asSeller ? '.seller' : ''}`;
  const text = t(key, lang, { order: orderId });
  return text === key ? t('notify.generic', lang, { kind }) : text;
}

/** `notify.email` `{ notificationId }`: email one stored notification (SMTP_URL set); NotificationMailer handles it. */
export const NotifyEmailJob = defineJob<{ notificationId: string }>('notify.email');

/** In-app notifications: written by the `notify` job (the outbox of every order move), read by their user. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly users: UsersService,
  ) {}

  @JobHandler(NotifyJob)
  async deliver(payload: NotifyPayload): Promise<void> {
    const userId = payload.userId;
    const kind = payload.kind;
    if (typeof userId !== 'string' || typeof kind !== 'string') return; // malformed: nothing to retry
    const params = (payload.params && typeof payload.params === 'object' ? payload.params : {}) as Record<string, unknown>;
    // Users may be erased between the move and the job; the foreign key would fail forever.
    // (Erased between this look-up and the insert: the job fails once and finds no user next time.)
    if (!(await this.users.names([userId])).has(userId)) return;
    await this.notifications.manager.transaction(async (manager) => {
      const [row]: Array<{ id: string }> = await manager.query(`INSERT INTO notifications (user_id, kind, params) VALUES ($1, $2, $3) RETURNING id`, [userId, kind, params]);
      if (row && this.config.smtpUrl) await this.jobs.enqueue(NotifyEmailJob, { notificationId: row.id }, { manager });
    });
  }

  async list(userId: string, query: { page: number; perPage: number }): Promise<Paged<NotificationView>> {
    const [rows, total] = await this.notifications.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    });
    return paged(rows.map(toView), total, query);
  }

  async markAllRead(userId: string): Promise<void> {
    await this.notifications.query(`UPDATE notifications SET read_at = now(), updated_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  }
}

/** Where a notification leads: its order, seen as the buyer or as the seller. */
export function notificationLink(params: Record<string, unknown>): string | undefined {
  const orderId = typeof params.orderId === 'string' && /^[0-9a-f-]{36}$/i.test(params.orderId) ? params.orderId : undefined;
  if (!orderId) return undefined;
  return params.asSeller ? `/orders/${orderId}?as=seller` : `/orders/${orderId}`;
}

function toView(row: Notification): NotificationView {
  const link = notificationLink(row.params);
  return {
    id: row.id,
    kind: row.kind,
    params: row.params,
    message: { id: notificationMessage(row.kind, row.params, 'id'), en: notificationMessage(row.kind, row.params, 'en') },
    ...(link ? { link } : {}),
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
