import { Injectable, Module } from '@nestjs/common';

import {
  ConfigModule,
  HealthModule,
  type HealthIndicator,
  HttpConfig,
  HttpLimitsConfig,
  KafkaConfig,
  LogConfig,
  MetricsConfig,
  MetricsModule,
  loggingModule,
} from '@app/config';
import { TOPICS } from '@app/contracts';
import { CloudEventTransport, KafkaClient, KafkaModule } from '@app/kafka';

import { CadreEventsController } from './cadre-events.controller';
import { CadreRegister, HrSyncConfig } from './cadre-register';

/** Where cadre events the register can never apply go (the HR side's own topic, created by the transport). */
export const HR_DEAD_LETTER_TOPIC = 'xianfeng.hr-sync.dlq.v1';

/** The configuration sections hr-sync validates at boot. */
export const HR_SYNC_CONFIG = [
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  KafkaConfig,
  MetricsConfig,
  HrSyncConfig,
];

/** The cadre topic as a Nest microservice transport, in the HR side's own consumer group; ready once joined. */
@Injectable()
export class HrSyncTransport extends CloudEventTransport implements HealthIndicator {
  readonly name = 'cadre-events';

  constructor(client: KafkaClient, config: HrSyncConfig) {
    super({
      kafka: client.kafka,
      groupId: config.HR_SYNC_CONSUMER_GROUP,
      topics: [TOPICS.cadre],
      deadLetterTopic: HR_DEAD_LETTER_TOPIC,
    });
  }

  check(): Promise<void> {
    return this.group.check();
  }
}

@Module({
  providers: [CadreRegister, HrSyncTransport],
  exports: [CadreRegister, HrSyncTransport],
  imports: [KafkaModule],
})
export class HrSyncRuntimeModule {}

/**
 * The reference HR consumer an integrator copies: Xianfeng's cadre events (xianfeng.cadre.v1) into a cadre
 * register of its own, idempotently, as a Nest microservice (`@EventPattern` per event type) beside the
 * usual /health and /metrics.
 */
@Module({
  imports: [
    ConfigModule.forRoot(HR_SYNC_CONFIG),
    loggingModule('hr-sync'),
    MetricsModule,
    HrSyncRuntimeModule,
    HealthModule.forRoot([CadreRegister, HrSyncTransport], [HrSyncRuntimeModule]),
  ],
  controllers: [CadreEventsController],
})
export class HrSyncModule {}
