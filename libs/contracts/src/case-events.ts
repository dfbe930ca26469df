import { closedObjectSchema, uuidSchema } from './json-schema';

/** What the data of every case and review event closes with: its business date and the facts of its kind. */
export type EventFacts = {
  /** Business date (Asia/Shanghai) of the event. */
  readonly occurredOn: string;
  /** Facts of the event's kind (see each event's data type); never a national ID number. */
  readonly details: Readonly<Record<string, unknown>>;
};

/** An event's kind-specific facts: any object, never a national ID number. */
export const eventDetailsSchema = {
  type: 'object',
  propertyNames: { not: { const: 'nationalId' } },
} as const;

/**
 * The data of a case's event (member case, cadre case, reserve entry): the case (`subject` names its id) and the
 * person, the kind's own `properties`, then the kind-specific details. Every property is required.
 */
export function caseEventSchema<P extends Readonly<Record<string, object>>>(subject: string, properties: P) {
  return closedObjectSchema({
    [subject]: uuidSchema,
    personId: uuidSchema,
    ...properties,
    details: eventDetailsSchema,
  });
}

/** The CloudEvent type of an event kind of a producer: `cn.xianfeng.<producer>.<kind>.v1`. */
export const eventTypeName = (producer: string, kind: string): string => `cn.xianfeng.${producer}.${kind}.v1`;
