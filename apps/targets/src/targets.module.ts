import { Module } from '@nestjs/common';

import { AuthModule } from '@app/auth';
import {
  ApiDocsConfig,
  AuthConfig,
  Clock,
  ConfigModule,
  DatabaseConfig,
  HealthModule,
  HttpConfig,
  HttpLimitsConfig,
  KafkaConfig,
  LogConfig,
  loggingModule,
  MetricsConfig,
  MetricsModule,
  TargetsConfig,
} from '@app/config';
import { KafkaHealthIndicator, KafkaModule } from '@app/kafka';
import { DatabaseHealthIndicator, PersistenceModule } from '@app/persistence';

import { TargetsForecastService } from './targets-forecast.service';
import { TargetsRebuildService } from './targets-rebuild.service';
import { TargetsConsumer } from './targets.consumer';
import { TargetsExportController } from './targets-export.controller';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/** The configuration sections targets validates at boot (the deployment checks test its environment with them). */
export const TARGETS_CONFIG = [
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  DatabaseConfig,
  KafkaConfig,
  TargetsConfig,
  AuthConfig,
  ApiDocsConfig,
  MetricsConfig,
];

@Module({
  controllers: [TargetsController, TargetsExportController],
  providers: [TargetsService, TargetsConsumer, TargetsRebuildService, TargetsForecastService, Clock],
  exports: [TargetsConsumer],
})
export class TargetsRuntimeModule {}

@Module({
  imports: [
    ConfigModule.forRoot(TARGETS_CONFIG),
    loggingModule('targets'),
    MetricsModule,
    PersistenceModule,
    AuthModule,
    KafkaModule,
    TargetsRuntimeModule,
    HealthModule.forRoot(
      [DatabaseHealthIndicator, KafkaHealthIndicator, TargetsConsumer],
      [TargetsRuntimeModule],
    ),
  ],
})
export class TargetsModule {}
