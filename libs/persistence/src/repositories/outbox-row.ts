import { type ValidateFunction } from 'ajv';

import { type CloudEvent, InvalidEventError, type TopicName, describeSchemaErrors } from '@app/contracts';
import { traceContextAttributes } from '@app/tracing';

import { type Prisma } from '../generated/prisma/client';

/**
 * A CloudEvent (structured JSON) as an outbox row, checked against its schema first so nothing invalid is ever
 * written; the relay publishes it on `topic`, keyed by the aggregate (events of one aggregate stay in order).
 * When the recording is traced, the event carries its trace context (`traceparent`, `tracestate`).
 */
export function outboxRow<T>(event: {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time?: Date;
  readonly data: T;
  readonly validate: ValidateFunction<CloudEvent<T>>;
  readonly topic: TopicName;
  readonly aggregate: { readonly type: string; readonly id: string };
}): Prisma.OutboxEventCreateInput {
  const cloudEvent: CloudEvent<T> = {
    specversion: '1.0',
    id: event.id,
    source: event.source,
    type: event.type,
    subject: event.subject,
    time: (event.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    // The recording's trace (CloudEvents distributed tracing): consumers continue it.
    ...traceContextAttributes(),
    data: event.data,
  };
  if (!event.validate(cloudEvent)) {
    throw new InvalidEventError(event.type, describeSchemaErrors(event.validate));
  }
  return {
    id: event.id,
    aggregateType: event.aggregate.type,
    aggregateId: event.aggregate.id,
    topic: event.topic,
    eventType: event.type,
    payload: cloudEvent as unknown as Prisma.InputJsonObject,
  };
}
