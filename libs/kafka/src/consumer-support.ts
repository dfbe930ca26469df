import { type Consumer, type KafkaMessage, type Message } from 'kafkajs';

/**
 * Whether a consumer is in its group, for readiness: joined, and not crashed since (KafkaJS restarts a crashed
 * consumer with backoff; it is ready again when it rejoins).
 */
export class ConsumerGroupHealth {
  private joined = false;
  private crashed: string | undefined;

  watch(consumer: Consumer): void {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.crashed = undefined;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.crashed = event.payload.error.message;
    });
  }

  check(): Promise<void> {
    if (this.crashed) return Promise.reject(new Error(`consumer crashed: ${this.crashed}`));
    return this.joined ? Promise.resolve() : Promise.reject(new Error('not in the consumer group yet'));
  }
}

/** A message as it goes to a dead-letter topic: unchanged, with where it came from and why it was refused. */
export function deadLetterMessage(message: KafkaMessage, source: string, reason: string): Message {
  return {
    key: message.key,
    value: message.value,
    headers: { ...message.headers, 'x-source': source, 'x-error': reason },
  };
}
