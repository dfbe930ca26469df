import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * CloudEvents 1.0, structured JSON mode (content type application/cloudevents+json).
 * Event types are `type` aliases, not interfaces, so they are assignable to JSON column types.
 */
export type CloudEvent<T> = {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  /** CloudEvents distributed-tracing extension: the W3C trace context of the action that raised the event. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly data: T;
};

export const CLOUD_EVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

export const cloudEventEnvelopeSchema = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', format: 'uuid' },
    source: { type: 'string', minLength: 1 },
    type: { type: 'string', pattern: '^cn\\.xianfeng\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+$' },
    subject: { type: 'string', minLength: 1 },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    tracestate: { type: 'string' },
    data: { type: 'object' },
  },
} as const;

/** Where an event happened: the org unit and its materialized path (root first), for roll-ups. */
export const branchRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'path'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    path: { type: 'array', minItems: 1, items: { type: 'string', format: 'uuid' } },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

/** A JSON Schema validator for a CloudEvent whose `data` follows `dataSchema`. */
export function compileEventValidator<T>(dataSchema: object): ValidateFunction<CloudEvent<T>> {
  return ajv.compile<CloudEvent<T>>({
    ...cloudEventEnvelopeSchema,
    properties: { ...cloudEventEnvelopeSchema.properties, data: dataSchema },
  });
}

/** Any CloudEvent of ours, whatever its data: checked before a consumer looks at the type. */
export const validateCloudEventEnvelope =
  ajv.compile<CloudEvent<Record<string, unknown>>>(cloudEventEnvelopeSchema);

export class InvalidEventError extends Error {
  constructor(type: string, errors: string) {
    super(`event ${type} does not match its schema: ${errors}`);
    this.name = 'InvalidEventError';
  }
}

export function describeSchemaErrors(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { dataVar: 'event' });
}
