import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { type Message } from 'kafkajs';
import { Client as PgClient } from 'pg';

import { DatabaseConfig, type HealthIndicator, Metrics, readAtMostEvery } from '@app/config';
import { CLOUD_EVENT_CONTENT_TYPE } from '@app/contracts';
import { KafkaProducerService } from '@app/kafka';
import { OutboxRepository, type PendingOutboxEvent } from '@app/persistence';
import { startEventSpan, withEventSpans } from '@app/tracing';

const BATCH_SIZE = 100;
const POLL_INTERVAL_MS = 1000;
const RETRY_DELAY_MS = 2000;
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function toKafkaBatches(
  events: readonly PendingOutboxEvent[],
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const messages = byTopic.get(event.topic) ?? [];
    messages.push({
      key: event.aggregateId,
      value: JSON.stringify(event.payload),
      headers: { 'content-type': CLOUD_EVENT_CONTENT_TYPE },
    });
    byTopic.set(event.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Publishes outbox rows to Kafka in commit order. Any number of instances may run: each batch takes the
 * relay lock inside its own transaction (OutboxRepository.publishBatch). Woken by LISTEN/NOTIFY on a
 * dedicated connection; polls as well, because notifications are not durable.
 */
@Injectable()
export class OutboxRelayService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, HealthIndicator
{
  readonly name = 'outbox-relay';
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener?: PgClient;
  private stopping = false;
  /** Events this instance has published (for operators and tests). */
  private publishedCount = 0;
  private readonly publishedEvents;
  private readonly publishDuration;
  private loop?: Promise<void>;
  private wake: () => void = () => undefined;
  private lastError?: string;
  private lastCleanup = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: KafkaProducerService,
    private readonly database: DatabaseConfig,
    metrics: Metrics,
  ) {
    this.publishedEvents = metrics.counter({
      name: 'xianfeng_relay_published_events_total',
      help: 'Outbox events this relay published to Kafka, by topic',
      labelNames: ['topic'] as const,
    });
    this.publishDuration = metrics.histogram({
      name: 'xianfeng_relay_publish_batch_duration_seconds',
      help: 'One batch: read from the outbox, sent to Kafka, marked published',
    });
    // Read at each scrape (one query for both gauges): any relay instance, or none, may be the one publishing.
    const pending = readAtMostEvery(1_000, () => this.outbox.pending());
    metrics.gauge({
      name: 'xianfeng_outbox_pending_events',
      help: 'Events committed to the outbox and not yet published',
      async collect() {
        this.set((await pending()).count);
      },
    });
    metrics.gauge({
      name: 'xianfeng_outbox_oldest_pending_age_seconds',
      help: 'How long the oldest unpublished outbox event has waited (0 when none waits)',
      async collect() {
        this.set((await pending()).oldestAgeSeconds);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await this.closeListener();
  }

  check(): Promise<void> {
    return this.listener ? Promise.resolve() : Promise.reject(new Error(this.lastError ?? 'not connected'));
  }

  get published(): number {
    return this.publishedCount;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.ensureListener();
        const timer = this.publishDuration.startTimer();
        const published = await this.outbox.publishBatch(BATCH_SIZE, async (events) => {
          // Each event's publication continues the trace of the action that recorded it.
          const spans = events.map((event) =>
            startEventSpan(
              `publish ${event.topic}`,
              event.payload,
              { 'messaging.system': 'kafka', 'messaging.destination.name': event.topic },
              SpanKind.PRODUCER,
            ),
          );
          await withEventSpans(spans, () => this.producer.send(toKafkaBatches(events)));
          for (const event of events) this.publishedEvents.inc({ topic: event.topic });
        });
        this.lastError = undefined;
        if (published !== undefined && published > 0) {
          timer();
          this.publishedCount += published;
          this.logger.debug(`published ${published} events`);
          await this.cleanupIfDue();
          if (published === BATCH_SIZE) continue;
        }
        await this.sleep(POLL_INTERVAL_MS);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error(`publish failed, retrying: ${this.lastError}`);
        await this.outbox.recordFailure(BATCH_SIZE, this.lastError).catch(() => undefined);
        if (this.listener && !(await this.listenerAlive())) await this.closeListener();
        await this.sleep(RETRY_DELAY_MS);
      }
    }
  }

  private async ensureListener(): Promise<void> {
    if (this.listener) return;
    const client = new PgClient({
      connectionString: this.database.DATABASE_URL,
      application_name: 'xianfeng-relay',
    });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn(`listener connection lost: ${error.message}`);
      void this.closeListener();
    });
    await client.connect();
    await client.query('LISTEN outbox_event');
    this.listener = client;
  }

  private async listenerAlive(): Promise<boolean> {
    try {
      await this.listener?.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async closeListener(): Promise<void> {
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_INTERVAL_MS) return;
    this.lastCleanup = Date.now();
    const deleted = await this.outbox.deletePublishedBefore(new Date(Date.now() - RETENTION_MS));
    if (deleted > 0) this.logger.log(`removed ${deleted} published outbox rows older than 7 days`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
