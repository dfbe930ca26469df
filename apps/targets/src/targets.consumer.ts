import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Consumer, type KafkaMessage } from 'kafkajs';

import { type HealthIndicator, Metrics, TargetsConfig } from '@app/config';
import { TOPICS } from '@app/contracts';
import { ConsumerGroupHealth, KafkaClient, KafkaProducerService, deadLetterMessage } from '@app/kafka';

import { TARGETS_SOURCE_TOPICS, TargetsService } from './targets.service';

/**
 * Consumes workflow events into the targets read model. A message is committed only after its effect
 * (with its dedupe row) is committed; database errors are retried by KafkaJS, and messages that can
 * never be applied go to the dead-letter topic instead of blocking the partition.
 */
@Injectable()
export class TargetsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown, HealthIndicator {
  readonly name = 'targets-consumer';
  private readonly logger = new Logger(TargetsConsumer.name);
  private readonly consumer: Consumer;
  private readonly group = new ConsumerGroupHealth();
  private readonly lag;
  private readonly applyDuration;
  private readonly messages;
  private readonly deadLettered;

  constructor(
    client: KafkaClient,
    private readonly producer: KafkaProducerService,
    private readonly targets: TargetsService,
    config: TargetsConfig,
    metrics: Metrics,
  ) {
    const labelNames = ['topic', 'partition'] as const;
    this.lag = metrics.gauge({
      name: 'xianfeng_consumer_lag_messages',
      help: 'Messages on the partition after the last batch this consumer applied',
      labelNames,
    });
    this.applyDuration = metrics.histogram({
      name: 'xianfeng_consumer_batch_apply_duration_seconds',
      help: 'One batch applied to the targets read model in one transaction (effects, dedupe rows)',
      labelNames: ['topic'] as const,
    });
    this.messages = metrics.counter({
      name: 'xianfeng_consumer_messages_total',
      help: 'Messages the targets consumer took (applied, already applied, or dead-lettered)',
      labelNames: ['topic'] as const,
    });
    this.deadLettered = metrics.counter({
      name: 'xianfeng_consumer_dead_lettered_total',
      help: 'Messages that could never be applied, sent to the dead-letter topic',
      labelNames: ['topic'] as const,
    });
    // Series for every topic read, at zero until something happens (an absent series alerts on nothing).
    for (const topic of TARGETS_SOURCE_TOPICS) {
      this.messages.inc({ topic }, 0);
      this.deadLettered.inc({ topic }, 0);
    }
    this.consumer = client.kafka.consumer({
      groupId: config.TARGETS_CONSUMER_GROUP,
      allowAutoTopicCreation: false,
    });
    this.group.watch(this.consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: TARGETS_SOURCE_TOPICS, fromBeginning: true });
    await this.consumer.run({
      // One transaction per batch: the batch's effects and dedupe rows commit together, then the offsets.
      eachBatch: async (payload) => {
        const { batch } = payload;
        const timer = this.applyDuration.startTimer({ topic: batch.topic });
        await this.targets.applyMessages(batch.messages, (index, error) =>
          this.deadLetter(batch.topic, batch.partition, batch.messages[index]!, error),
        );
        timer();
        this.messages.inc({ topic: batch.topic }, batch.messages.length);
        this.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
        await payload.heartbeat();
      },
    });
  }

  /** Finishes the message in hand, then leaves the group so partitions move to other instances at once. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect();
  }

  check(): Promise<void> {
    return this.group.check();
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: Error,
  ): Promise<void> {
    const source = `${topic}/${partition}@${message.offset}`;
    this.logger.error(`dead-lettering ${source}: ${error.message}`);
    this.deadLettered.inc({ topic });
    await this.producer.send([
      { topic: TOPICS.targetsDeadLetter, messages: [deadLetterMessage(message, source, error.message)] },
    ]);
  }
}
