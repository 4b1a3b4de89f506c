import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JobHandler, paged, t, type Lang, type Paged } from '#libs/platform';
import { Repository } from 'typeorm';
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

/** In-app notifications: written by the `notify` job (the outbox of every order move), read by their user. */
@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  @JobHandler('notify')
  async deliver(payload: Record<string, unknown>): Promise<void> {
    const userId = payload.userId;
    const kind = payload.kind;
    if (typeof userId !== 'string' || typeof kind !== 'string') return; // malformed: nothing to retry
    const params = (payload.params && typeof payload.params === 'object' ? payload.params : {}) as Record<string, unknown>;
    // Users may be erased between the move and the job; the foreign key would fail forever.
    await this.notifications.query(`INSERT INTO notifications (user_id, kind, params) SELECT id, $2, $3 FROM users WHERE id = $1`, [userId, kind, params]);
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

function toView(row: Notification): NotificationView {
  const orderId = typeof row.params.orderId === 'string' ? row.params.orderId : undefined;
  return {
    id: row.id,
    kind: row.kind,
    params: row.params,
    message: { id: notificationMessage(row.kind, row.params, 'id'), en: notificationMessage(row.kind, row.params, 'en') },
    ...(orderId ? { link: row.params.asSeller ? `/orders/${orderId}?as=seller` : `/orders/${orderId}` } : {}),
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
