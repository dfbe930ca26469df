import dayjs from 'dayjs';

/**
 * The part of JSON Schema (OpenAPI 3.0 flavour) the API's action body schemas use: objects, arrays, strings
 * with formats and enums, numbers, booleans, `nullable`, and `allOf` wrapping a single object.
 */
export interface JsonSchema {
  readonly type?: string;
  readonly format?: string;
  readonly title?: string;
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly allOf?: readonly JsonSchema[];
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
}

/** The schema as one plain node: `allOf` parts merged into it (the API wraps nested objects that way). */
export function flatten(schema: JsonSchema): JsonSchema {
  if (!schema.allOf?.length) return schema;
  const { allOf, ...rest } = schema;
  return allOf.map(flatten).reduce<JsonSchema>(
    (merged, part) => ({
      ...part,
      ...merged,
      properties: { ...part.properties, ...merged.properties },
      required: [...(part.required ?? []), ...(merged.required ?? [])],
    }),
    rest,
  );
}

export function asSchema(value: unknown): JsonSchema | null {
  return typeof value === 'object' && value !== null ? value : null;
}

export type Widget =
  | 'date'
  | 'orgUnit'
  | 'person'
  | 'persons'
  | 'enum'
  | 'enums'
  | 'text'
  | 'textarea'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'tags'
  | 'object'
  | 'objects';

const isUuid = (schema: JsonSchema) => schema.type === 'string' && schema.format === 'uuid';
const enumValues = (schema: JsonSchema) =>
  (schema.enum ?? []).filter((value): value is string => typeof value === 'string' && value !== '');

/** Fields that name org units: their description says "id or code", or they are known to (actingBody). */
function namesOrgUnit(name: string, schema: JsonSchema): boolean {
  return (
    name === 'actingBody' ||
    /org unit id or code|党支部: id or code|: id or code/i.test(schema.description ?? '') ||
    /Village$|^toBranch$/.test(name)
  );
}

/** Fields that name people: uuid person ids (…Id, …Ids, personId) and a meeting's members (memberId). */
function namesPerson(name: string, schema: JsonSchema): boolean {
  if (name === 'memberId') return true;
  return isUuid(schema) && /(person|member|contact|sponsor)/i.test(name) && !/case|entry/i.test(name);
}

/** The widget that edits a field, from its schema and name. */
export function widgetOf(name: string, raw: JsonSchema): Widget {
  const schema = flatten(raw);
  if (schema.type === 'array' && schema.items) {
    const items = flatten(schema.items);
    if (namesPerson(name.replace(/s$/, ''), items) || (isUuid(items) && /Ids$/.test(name))) return 'persons';
    if (enumValues(items).length > 0) return 'enums';
    if (items.type === 'object') return 'objects';
    return 'tags';
  }
  if (schema.type === 'object' || schema.properties) return 'object';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'number';
  if (enumValues(schema).length > 0) return 'enum';
  if (schema.format === 'date') return 'date';
  if (namesOrgUnit(name, schema)) return 'orgUnit';
  if (namesPerson(name, schema)) return 'person';
  if ((schema.maxLength ?? 0) > 200) return 'textarea';
  return 'text';
}

export { enumValues };

/** A JSON body → the form's values: dates become dayjs, person placeholders of the example are dropped. */
export function toFormValues(schema: JsonSchema, body: unknown): unknown {
  const node = flatten(schema);
  if (body === null || body === undefined) return undefined;
  if (node.type === 'object' || node.properties) {
    if (typeof body !== 'object') return undefined;
    const values: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const value = (body as Record<string, unknown>)[name];
      const widget = widgetOf(name, child);
      // The example's people are placeholders ("facts to be replaced by the real ones"): pick real ones.
      if (widget === 'person' || widget === 'persons') continue;
      values[name] = toFormValues(child, value);
    }
    return values;
  }
  if (node.type === 'array' && node.items && Array.isArray(body)) {
    const items = node.items;
    return body.map((item) => toFormValues(items, item));
  }
  if (node.format === 'date' && typeof body === 'string') return dayjs(body);
  return body;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** The form's values → the JSON body: dates as YYYY-MM-DD, empty optional fields left out. */
export function toBody(schema: JsonSchema, values: unknown): unknown {
  const node = flatten(schema);
  if (node.type === 'object' || node.properties) {
    if (typeof values !== 'object' || values === null) return undefined;
    const body: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const value = toBody(child, (values as Record<string, unknown>)[name]);
      if (!isEmpty(value)) body[name] = value;
    }
    return body;
  }
  if (node.type === 'array') {
    if (!Array.isArray(values)) return undefined;
    const items = node.items;
    return items ? values.map((item) => toBody(items, item)) : values;
  }
  if (dayjs.isDayjs(values)) return values.format('YYYY-MM-DD');
  if (typeof values === 'string') return values.trim() === '' ? undefined : values;
  return values;
}

/** A body field path as the API names it ("vote.excluded[0].memberId") → the form's name path. */
export function namePath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
