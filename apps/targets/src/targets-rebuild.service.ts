import { Injectable, Logger } from '@nestjs/common';

import { KafkaClient } from '@app/kafka';
import { TargetActualsRepository } from '@app/persistence';

import { TARGETS_CONSUMER, TARGETS_SOURCE_TOPICS, TargetsService } from './targets.service';

export interface RebuildResult {
  /** Events counted (each once). */
  readonly events: number;
  /** Messages that can never be counted (they went to the dead-letter topic when live). */
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
    // Where each partition of each source topic ends now: the rebuild reads up to there.
    const ends = new Map<string, bigint>();
    try {
      for (const topic of TARGETS_SOURCE_TOPICS) {
        for (const partition of await admin.fetchTopicOffsets(topic)) {
          ends.set(`${topic}/${partition.partition}`, BigInt(partition.high));
        }
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
        await consumer.subscribe({ topics: TARGETS_SOURCE_TOPICS, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          consumer
            .run({
              eachBatch: async (payload) => {
                const { batch } = payload;
                const key = `${batch.topic}/${batch.partition}`;
                const end = ends.get(key) ?? 0n;
                const wanted = batch.messages.filter((message) => BigInt(message.offset) < end);
                const applied = await this.targets.applyMessages(wanted, () =>
                  Promise.resolve(void skipped++),
                );
                events += applied;
                await payload.heartbeat();
                const last = batch.messages.at(-1);
                if (last && BigInt(last.offset) + 1n >= end && remaining.delete(key) && remaining.size === 0)
                  resolve();
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
}
