import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { CurationModule } from '#libs/curation';
import { CurrencyModule } from '#libs/currency';
import { DisputesModule } from '#libs/disputes';
import { ExportModule } from '#libs/export';
import { IdentityModule } from '#libs/identity';
import { LedgerModule } from '#libs/ledger';
import { NotificationsModule } from '#libs/notifications';
import { PlatformModule, type AppConfig, type Logger } from '#libs/platform';
import { ReviewsModule } from '#libs/reviews';
import { SearchModule } from '#libs/search';
import { SellersModule } from '#libs/sellers';
import { StorefrontsModule } from '#libs/storefronts';

/** The worker process: every context's services, job handlers and schedules, and no HTTP side. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        IdentityModule,
        AuditModule,
        NotificationsModule,
        SellersModule,
        CatalogueModule,
        CurrencyModule,
        CommerceModule,
        ExportModule,
        SearchModule,
        StorefrontsModule,
        ReviewsModule,
        CurationModule,
        LedgerModule,
        DisputesModule,
      ],
    };
  }
}
