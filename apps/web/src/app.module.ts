import './pages/messages.js';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueHttpModule } from '#libs/catalogue';
import { CommerceHttpModule } from '#libs/commerce';
import { CurationHttpModule } from '#libs/curation';
import { CurrencyHttpModule } from '#libs/currency';
import { DisputesHttpModule } from '#libs/disputes';
import { ExportHttpModule } from '#libs/export';
import { IdentityHttpModule } from '#libs/identity';
import { LedgerHttpModule } from '#libs/ledger';
import { NotificationsHttpModule } from '#libs/notifications';
import { ReviewsHttpModule } from '#libs/reviews';
import { SearchHttpModule } from '#libs/search';
import { SellersHttpModule } from '#libs/sellers';
import { StorefrontsHttpModule } from '#libs/storefronts';
import { PlatformModule, type AppConfig, type Logger } from '#libs/platform';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { AppShellController } from './pages/app-shell.controller.js';
import { AuthPagesController } from './pages/auth-pages.controller.js';
import { HomePageController } from './pages/home-page.controller.js';

/** The web process: every bounded context with its HTTP side (routes, pages, guards) plus the site's own pages. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        IdentityHttpModule,
        AuditModule,
        NotificationsHttpModule,
        SellersHttpModule,
        CatalogueHttpModule,
        CurrencyHttpModule,
        CommerceHttpModule,
        ExportHttpModule,
        SearchHttpModule,
        StorefrontsHttpModule,
        ReviewsHttpModule,
        CurationHttpModule,
        LedgerHttpModule,
        DisputesHttpModule,
      ],
      controllers: [HealthController, MetricsController, HomePageController, AuthPagesController, AppShellController],
    };
  }
}
