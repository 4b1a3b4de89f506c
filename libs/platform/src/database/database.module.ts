import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** One TypeORM DataSource; each lib registers its entities with `TypeOrmModule.forFeature`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl!),
        autoLoadEntities: true,
        migrationsRun: true,
        retryAttempts: 3,
        retryDelay: 500,
      }),
    }),
  ],
})
export class DatabaseModule {}
