import { Module } from '@nestjs/common';

import { AuthModule } from '@app/auth';
import {
  AuthConfig,
  ConfigModule,
  DatabaseConfig,
  HealthModule,
  HttpConfig,
  LogConfig,
  TemporalConfig,
  loggingModule,
} from '@app/config';
import { DatabaseHealthIndicator, PersistenceModule } from '@app/persistence';
import { TemporalClientModule, TemporalHealthIndicator } from '@app/temporal';

import { BacklogModule } from './backlog/backlog.module';
import { CadreCasesModule } from './cadre-cases/cadre-cases.controller';
import { ReservePoolModule } from './reserve-pool/reserve-pool.controller';
import { DelegationsModule } from './delegations/delegations.module';
import { MemberCasesModule } from './member-cases/member-cases.module';

@Module({
  imports: [
    ConfigModule.forRoot([HttpConfig, LogConfig, DatabaseConfig, TemporalConfig, AuthConfig]),
    loggingModule('api'),
    PersistenceModule,
    AuthModule,
    TemporalClientModule,
    MemberCasesModule,
    BacklogModule,
    DelegationsModule,
    CadreCasesModule,
    ReservePoolModule,
    HealthModule.forRoot([DatabaseHealthIndicator, TemporalHealthIndicator]),
  ],
})
export class ApiModule {}
