import dayjs, { type Dayjs } from 'dayjs';

import { fieldLabel as sharedFieldLabel } from '../../../shared/forms/labels';

/** The part of JSON Schema an action's body schema uses (available-actions inlines every $ref). */
interface JsonSchema {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly allOf?: readonly JsonSchema[];
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
}

/** How a body field is filled in the bulk form. */
export type FieldKind =
  | { readonly kind: 'date' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'text'; readonly long: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number; readonly integer: boolean }
  | { readonly kind: 'tags' }
  | { readonly kind: 'object'; readonly fields: readonly Field[] }
  /** Nothing a batch can share (a list of records, say): the example's value is sent as it is. */
  | { readonly kind: 'fixed' };

export type Field = {
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
  /** Shown only while the sibling field `field` has `value` ("REMOVE: why …" in the schema). */
  readonly when: { readonly field: string; readonly value: string } | null;
} & FieldKind;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function flatten(schema: JsonSchema): JsonSchema {
  const [first] = schema.allOf ?? [];
  return first ? { ...first, ...schema, allOf: undefined } : schema;
}

function kindOf(schema: JsonSchema): FieldKind {
  const s = flatten(schema);
  if (s.enum) return { kind: 'enum', values: s.enum.filter((v): v is string => typeof v === 'string') };
  switch (s.type) {
    case 'string':
      return s.format === 'date' ? { kind: 'date' } : { kind: 'text', long: (s.maxLength ?? 200) > 200 };
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
    case 'number':
      return { kind: 'number', min: s.minimum, max: s.maximum, integer: s.type === 'integer' };
    case 'array':
      return s.items && flatten(s.items).type === 'string' && !flatten(s.items).enum
        ? { kind: 'tags' }
        : { kind: 'fixed' };
    case 'object':
      return s.properties ? { kind: 'object', fields: fieldsOf(s) } : { kind: 'fixed' };
    default:
      return { kind: 'fixed' };
  }
}

/** The fields of an object schema, in the schema's order, leaving out `hidden` (the API fills those in). */
export function fieldsOf(schema: unknown, hidden: readonly string[] = []): Field[] {
  if (!isRecord(schema)) return [];
  const s = schema as JsonSchema;
  const properties = Object.entries(s.properties ?? {}).filter(([name]) => !hidden.includes(name));
  const enums = new Map(
    properties
      .map(([name, property]) => [name, kindOf(property)] as const)
      .filter(([, k]) => k.kind === 'enum'),
  );
  return properties.map(([name, property]) => {
    // "REMOVE: why (出库理由)", "With exitTo RESERVE_POOL: …": a field for one value of a sibling enum.
    const [, named, prefix] = /^(?:With (\w+) )?([A-Z_]+):/.exec(property.description ?? '') ?? [];
    const sibling = prefix
      ? [...enums].find(
          ([name, k]) => (!named || name === named) && k.kind === 'enum' && k.values.includes(prefix),
        )?.[0]
      : undefined;
    return {
      name,
      label: sharedFieldLabel(name, property),
      required: (s.required ?? []).includes(name),
      when: sibling && prefix ? { field: sibling, value: prefix } : null,
      ...kindOf(property),
    };
  });
}

/** The form's starting values: the example body, dates as days for the date pickers. */
export function initialValues(fields: readonly Field[], example: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (!isRecord(example)) return values;
  for (const field of fields) {
    const value = example[field.name];
    if (value === undefined) continue;
    if (field.kind === 'date' && typeof value === 'string') values[field.name] = dayjs(value);
    else if (field.kind === 'object') values[field.name] = initialValues(field.fields, value);
    else values[field.name] = value;
  }
  return values;
}

/** The body the form's values make: days as ISO dates, empty optional fields left out, fixed ones as given. */
export function bodyOf(
  fields: readonly Field[],
  values: Record<string, unknown>,
  example: unknown,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const given = isRecord(example) ? example : {};
  for (const field of fields) {
    if (field.when && values[field.when.field] !== field.when.value) continue;
    const value = field.kind === 'fixed' ? given[field.name] : values[field.name];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0 && !field.required) continue;
    if (field.kind === 'date') body[field.name] = (value as Dayjs).format('YYYY-MM-DD');
    else if (field.kind === 'object')
      body[field.name] = bodyOf(field.fields, isRecord(value) ? value : {}, given[field.name]);
    else body[field.name] = value;
  }
  return body;
}

/** The label of a violated field of a body (`committeeVote.present` → 到会委员). */
export function fieldLabel(path: string): string {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? path;
  return sharedFieldLabel(last, {});
}
