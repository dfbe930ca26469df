import {
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Kafka, type Message, type Producer, logLevel } from 'kafkajs';

import { type HealthIndicator, KafkaConfig } from '@app/config';

/** KafkaJS logs through Nest's logger (JSON via pino), warnings and above. */
function createKafka(config: KafkaConfig, clientSuffix: string): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}-${clientSuffix}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 300 },
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        const line = `${message} ${JSON.stringify(extra)}`;
        if (level <= logLevel.ERROR) logger.error(line);
        else logger.warn(line);
      },
  });
}

@Injectable()
export class KafkaClient {
  readonly kafka: Kafka;
  constructor(config: KafkaConfig) {
    this.kafka = createKafka(config, process.pid.toString());
  }
}

/**
 * The one producer: idempotent (no broker-side duplicates on retry), acks from all in-sync replicas,
 * one request in flight so retries cannot reorder a partition.
 */
@Injectable()
export class KafkaProducerService implements OnModuleInit, OnApplicationShutdown {
  private readonly producer: Producer;

  constructor(client: KafkaClient) {
    this.producer = client.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Sends to several topics in one request; resolves only when every message is acknowledged. */
  async send(batches: readonly { topic: string; messages: Message[] }[]): Promise<void> {
    await this.producer.sendBatch({ topicMessages: [...batches], acks: -1 });
  }
}

@Injectable()
export class KafkaHealthIndicator implements HealthIndicator {
  readonly name = 'kafka';
  constructor(private readonly client: KafkaClient) {}

  async check(): Promise<void> {
    const admin = this.client.kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('no brokers');
    } finally {
      await admin.disconnect();
    }
  }
}

/** Needs KafkaConfig. */
@Global()
@Module({
  providers: [KafkaClient, KafkaProducerService, KafkaHealthIndicator],
  exports: [KafkaClient, KafkaProducerService, KafkaHealthIndicator],
})
export class KafkaModule {}
