import { Module } from '@nestjs/common';

import {
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
} from '@app/config';
import { KafkaHealthIndicator, KafkaModule } from '@app/kafka';
import { DatabaseHealthIndicator, PersistenceModule } from '@app/persistence';

import { OutboxRelayService } from './outbox-relay.service';

/** The configuration sections relay validates at boot (the deployment checks test its environment with them). */
export const RELAY_CONFIG = [
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  DatabaseConfig,
  KafkaConfig,
  MetricsConfig,
];

@Module({ providers: [OutboxRelayService], exports: [OutboxRelayService] })
export class RelayRuntimeModule {}

@Module({
  imports: [
    ConfigModule.forRoot(RELAY_CONFIG),
    loggingModule('relay'),
    MetricsModule,
    PersistenceModule,
    KafkaModule,
    RelayRuntimeModule,
    HealthModule.forRoot(
      [DatabaseHealthIndicator, KafkaHealthIndicator, OutboxRelayService],
      [RelayRuntimeModule],
    ),
  ],
})
export class RelayModule {}
