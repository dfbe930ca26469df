import { type JsonSchema } from './openapi-document';

/** What an example body is made of besides its schema: the date it carries, and fields set for the case. */
export interface ExampleInput {
  readonly date: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * A body of the schema: every required field, from the schema's own `example` where it has one (a date field
 * carrying `date`, an enum its first value, a number its minimum), then `fields` over it.
 */
export function exampleBody(schema: JsonSchema | null, { date, fields = {} }: ExampleInput): object {
  const generated = schema ? exampleOf(schema, date, 'date') : {};
  return { ...(isObject(generated) ? generated : {}), ...fields };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function exampleOf(schema: JsonSchema, date: string, key: string): unknown {
  if (schema.format === 'date') return date;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part as JsonSchema, date, key)));
  }
  if (schema.properties || schema.type === 'object') return objectExample(schema, date);
  switch (schema.type) {
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: count }, () => exampleOf(items, date, key));
    }
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return schema.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : `${key}（示例）`;
  }
}

function objectExample(schema: JsonSchema, date: string): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => required.has(name))
      .map(([name, property]) => [name, exampleOf(property, date, name)]),
  );
}
