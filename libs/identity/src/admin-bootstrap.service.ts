import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#libs/platform';
import { UsersService } from './users.service.js';

/** Creates the platform admin named by ADMIN_EMAIL/ADMIN_PASSWORD when absent. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap() {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    if (await this.users.findForLogin(adminEmail)) return;
    await this.users.create({ email: adminEmail, password: adminPassword, name: 'Admin', roles: ['admin'], emailVerified: true }).catch((error) => {
      if ((error as { status?: number }).status !== 409) throw error;
    });
    this.logger.info({ email: adminEmail }, 'platform admin created');
  }
}
