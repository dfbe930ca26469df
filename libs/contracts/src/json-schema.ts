/** JSON Schema pieces the event schemas are built from. */

/** A closed object: every one of its properties required, no other allowed. */
export function closedObjectSchema<P extends Readonly<Record<string, object>>>(properties: P) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  } as const;
}

export const uuidSchema = { type: 'string', format: 'uuid' } as const;
/** A business date (Asia/Shanghai), YYYY-MM-DD. */
export const localDateSchema = { type: 'string', format: 'date' } as const;
export const nonEmptyStringSchema = { type: 'string', minLength: 1 } as const;
