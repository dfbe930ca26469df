import { Injectable, Logger } from '@nestjs/common';
import { type KafkaMessage } from 'kafkajs';

import { TOPICS } from '@app/contracts';
import { KafkaClient } from '@app/kafka';
import { TargetActualsRepository } from '@app/persistence';

import { TARGETS_CONSUMER, TargetsService, UnprocessableEventError } from './targets.service';

export interface RebuildResult {
  readonly events: number;
  readonly skipped: number;
  readonly seconds: number;
}

/**
 * Rebuilds the targets read model from the start of the topic: the actuals and this consumer's dedupe rows
 * are cleared, then every message up to the end offsets seen at the start is applied through the same
 * path as live consumption. The live consumer may keep running: both dedupe on the same rows, so an event
 * is counted once whichever applies it first.
 */
@Injectable()
export class TargetsRebuildService {
  private readonly logger = new Logger(TargetsRebuildService.name);

  constructor(
    private readonly client: KafkaClient,
    private readonly targets: TargetsService,
    private readonly actuals: TargetActualsRepository,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    const started = Date.now();
    const admin = this.client.kafka.admin();
    await admin.connect();
    const ends = new Map<number, bigint>();
    try {
      for (const partition of await admin.fetchTopicOffsets(TOPICS.memberDevelopment)) {
        ends.set(partition.partition, BigInt(partition.high));
      }
    } finally {
      await admin.disconnect();
    }
    await this.actuals.reset(TARGETS_CONSUMER);

    const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
    let events = 0;
    let skipped = 0;
    if (remaining.size > 0) {
      const consumer = this.client.kafka.consumer({
        groupId: `xianfeng-targets-rebuild-${Date.now()}`,
        allowAutoTopicCreation: false,
      });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [TOPICS.memberDevelopment], fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          consumer
            .run({
              eachMessage: async ({ partition, message }) => {
                if (!remaining.has(partition) || BigInt(message.offset) >= ends.get(partition)!) return;
                if (await this.applyOne(message)) events++;
                else skipped++;
                if (BigInt(message.offset) + 1n >= ends.get(partition)!) {
                  remaining.delete(partition);
                  if (remaining.size === 0) resolve();
                }
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect();
      }
    }
    const result = { events, skipped, seconds: (Date.now() - started) / 1000 };
    this.logger.log(`rebuilt targets from ${events} events (${skipped} skipped) in ${result.seconds} s`);
    return result;
  }

  /** Applies one message; messages that can never be counted are skipped (they went to the dead-letter topic live). */
  private async applyOne(message: KafkaMessage): Promise<boolean> {
    try {
      await this.targets.apply(JSON.parse(message.value?.toString('utf8') ?? 'null'));
      return true;
    } catch (error) {
      if (error instanceof UnprocessableEventError || error instanceof SyntaxError) return false;
      throw error;
    }
  }
}
