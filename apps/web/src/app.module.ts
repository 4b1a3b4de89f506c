import './pages/messages.js';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { CatalogueModule } from '#libs/catalogue';
import { CommerceModule } from '#libs/commerce';
import { CurationModule } from '#libs/curation';
import { CurrencyModule } from '#libs/currency';
import { ExportModule } from '#libs/export';
import { IdentityModule } from '#libs/identity';
import { ReviewsModule } from '#libs/reviews';
import { SearchModule } from '#libs/search';
import { SellersModule } from '#libs/sellers';
import { StorefrontsModule } from '#libs/storefronts';
import { PlatformModule, type AppConfig, type Logger } from '#libs/platform';
import { HealthController } from './health.controller.js';
import { AuthPagesController } from './pages/auth-pages.controller.js';
import { HomePageController } from './pages/home-page.controller.js';

/** The web process: every bounded context's module plus the site's own pages. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, logger), IdentityModule, AuditModule, SellersModule, CatalogueModule, CurrencyModule, CommerceModule, ExportModule, SearchModule, StorefrontsModule, ReviewsModule, CurationModule],
      controllers: [HealthController, HomePageController, AuthPagesController],
    };
  }
}
