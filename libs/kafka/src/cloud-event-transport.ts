import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, RpcException, Server } from '@nestjs/microservices';
import { type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';

import { startEventSpan, withEventSpans } from '@app/tracing';

import { ConsumerGroupHealth, deadLetterMessage } from './consumer-support';

/** What a handler is given beside the event: where it came from, for logs and idempotency keys. */
export interface CloudEventContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface CloudEventTransportOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where messages no handler can ever accept go (not JSON, not a CloudEvent, refused as unprocessable). */
  readonly deadLetterTopic: string;
  /** A new group reads each topic from its start (a register built from the whole history). */
  readonly fromBeginning?: boolean;
}

/** Thrown by a handler for an event it can never accept (its data breaks the schema): dead-lettered, not retried. */
export function unprocessableEvent(message: string): RpcException {
  return new RpcException({ unprocessable: true, message });
}

const isUnprocessable = (error: unknown): error is { unprocessable: true; message: string } =>
  typeof error === 'object' &&
  error !== null &&
  (error as { unprocessable?: unknown }).unprocessable === true;

interface Envelope {
  readonly id: string;
  readonly type: string;
}

function envelopeOf(message: KafkaMessage): Envelope | string {
  let event: unknown;
  try {
    event = JSON.parse(message.value?.toString('utf8') ?? 'null');
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const { specversion, id, type } = (event ?? {}) as Record<string, unknown>;
  if (specversion !== '1.0' || typeof id !== 'string' || typeof type !== 'string') return 'not a CloudEvent';
  return event as Envelope;
}

/**
 * A Nest microservice transport over Kafka for CloudEvents (`@EventPattern('<event type>')` handlers): each
 * message goes to the handler of its `type` (events without one are passed over), in partition order, one at
 * a time. An offset is committed only after its handler finished, so delivery is at least once and handlers
 * are idempotent by event id. A handler that throws `unprocessableEvent` sends the message to the dead-letter
 * topic and the partition moves on; any other failure stops the batch, and Kafka delivers it again (after a
 * restart of the consumer with backoff). Each handled event is a span continuing its trace.
 */
export class CloudEventTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(CloudEventTransport.name);
  private consumer?: Consumer;
  private producer?: Producer;
  /** Joined its group and not crashed: for the app's readiness (`group.check()`). */
  readonly group = new ConsumerGroupHealth();

  constructor(private readonly options: CloudEventTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('CloudEventTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { kafka, groupId, topics, deadLetterTopic, fromBeginning = true } = this.options;
    // The dead-letter topic is the consumer's own: created here when missing (brokers do not auto-create).
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic: deadLetterTopic, numPartitions: 1 }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.consumer = kafka.consumer({ groupId });
    this.group.watch(this.consumer);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        for (const message of batch.messages) {
          if (!payload.isRunning() || payload.isStale()) break;
          await this.handle(
            { topic: batch.topic, partition: batch.partition, offset: message.offset },
            message,
          );
          payload.resolveOffset(message.offset);
          await payload.commitOffsetsIfNecessary();
          await payload.heartbeat();
        }
      },
    });
  }

  private async handle(at: CloudEventContext, message: KafkaMessage): Promise<void> {
    const event = envelopeOf(message);
    if (typeof event === 'string') return this.deadLetter(at, message, event);
    const handler = this.getHandlerByPattern(event.type);
    if (!handler) return;
    const span = startEventSpan(`handle ${event.type}`, event, {
      'cloudevents.event_id': event.id,
      'cloudevents.event_type': event.type,
      'messaging.destination.name': at.topic,
    });
    try {
      await withEventSpans([span], async () => {
        const result: unknown = await handler(event, at);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      });
    } catch (error) {
      if (!isUnprocessable(error)) throw error;
      await this.deadLetter(at, message, error.message);
    }
  }

  private async deadLetter(at: CloudEventContext, message: KafkaMessage, reason: string): Promise<void> {
    const source = `${at.topic}/${at.partition}@${at.offset}`;
    this.logger.error(`dead-lettering ${source}: ${reason}`);
    await this.producer!.send({
      topic: this.options.deadLetterTopic,
      messages: [deadLetterMessage(message, source, reason)],
    });
  }
}
