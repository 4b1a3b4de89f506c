import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PersonalDataSections, type SignedInUser } from '#libs/identity';
import { DataSource, type EntityManager } from 'typeorm';

/** Notifications' part of a person's data (UU PDP): their in-app notices, exported, and deleted at closure (they serve only their reader). */
@Injectable()
export class NotificationsPersonalData implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sections: PersonalDataSections,
  ) {}

  onModuleInit(): void {
    this.sections.register({ name: 'notifications', export: (user) => this.export(user), erase: (manager, user) => this.erase(manager, user) });
  }

  private export(user: SignedInUser): Promise<unknown[]> {
    return this.dataSource.query(`SELECT id, kind, params, read_at AS "readAt", created_at AS "createdAt" FROM notifications WHERE user_id = $1 ORDER BY created_at DESC`, [user.id]);
  }

  private async erase(manager: EntityManager, user: SignedInUser): Promise<void> {
    await manager.query(`DELETE FROM notifications WHERE user_id = $1`, [user.id]);
  }
}
