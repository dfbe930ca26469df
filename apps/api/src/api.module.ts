import { Module } from '@nestjs/common';

import { AuthModule } from '@app/auth';
import {
  ApiDocsConfig,
  AuthConfig,
  ConfigModule,
  ConsoleConfig,
  DatabaseConfig,
  HealthModule,
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  loggingModule,
  MetricsConfig,
  MetricsModule,
  PiiConfig,
  TemporalConfig,
} from '@app/config';
import { DatabaseHealthIndicator, PersistenceModule, PersonIdentityModule } from '@app/persistence';
import { TemporalClientModule, TemporalHealthIndicator } from '@app/temporal';

import { AvailableActionsModule } from './available-actions/available-actions.module';
import { BacklogModule } from './backlog/backlog.module';
import { OperationsMetricsModule } from './operations/case-metrics';
import { ConsoleModule } from './console/console.module';
import { BulkActionsModule } from './bulk/bulk-actions.controller';
import { CadreCasesModule } from './cadre-cases/cadre-cases.controller';
import { ReservePoolModule } from './reserve-pool/reserve-pool.controller';
import { DelegationsModule } from './delegations/delegations.module';
import { DirectoryModule } from './directory/directory.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MemberCasesModule } from './member-cases/member-cases.module';
import { OrgAdminModule } from './org-admin/org-admin.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { SearchModule } from './search/search.module';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.module';

/** The configuration sections api validates at boot (the deployment checks test its environment with them). */
export const API_CONFIG = [
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  DatabaseConfig,
  TemporalConfig,
  AuthConfig,
  ApiDocsConfig,
  PiiConfig,
  ConsoleConfig,
  MetricsConfig,
];

@Module({
  imports: [
    ConfigModule.forRoot(API_CONFIG),
    loggingModule('api'),
    MetricsModule,
    PersistenceModule,
    PersonIdentityModule,
    AuthModule,
    TemporalClientModule,
    IdempotencyModule,
    MemberCasesModule,
    BulkActionsModule,
    BacklogModule,
    OperationsMetricsModule,
    DelegationsModule,
    DirectoryModule,
    OrgAdminModule,
    CadreCasesModule,
    ReservePoolModule,
    AvailableActionsModule,
    TemporalCodecModule,
    PersonalDataModule,
    SearchModule,
    ConsoleModule,
    HealthModule.forRoot([DatabaseHealthIndicator, TemporalHealthIndicator]),
  ],
})
export class ApiModule {}
