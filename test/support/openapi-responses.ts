import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The document's schemas as JSON Schema for Ajv, closed: OpenAPI's `nullable` as a union with null, and every
 * object schema that lists properties refusing others, so an answer fits only if every field is documented.
 */
export function closedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closedSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, key === 'example' ? value : closedSchema(value)]),
  );
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

interface Document {
  readonly paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  readonly components?: object;
}

/** The references of an operation's own schema, pointed at the document's components added to Ajv as `id`. */
function pointedAt(id: string, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => pointedAt(id, item));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${id}${value}`
        : pointedAt(id, value),
    ]),
  );
}

/**
 * Checks answers against the JSON response schemas of an OpenAPI document, closed (every field documented, no
 * null where none is): `errors('get', '/v1/cadre-cases/{id}', 200, body)` is null when the body fits.
 */
export class ResponseSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly document: Document,
    private readonly id = 'document',
  ) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: id, components: closedSchema(document.components) });
  }

  /** Where the body does not fit (Ajv's errors), or null when it does; throws for an undocumented answer. */
  errors(method: string, path: string, status: number, body: unknown): ValidateFunction['errors'] {
    const key = `${method.toUpperCase()} ${path} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const schema =
        this.document.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.[
          'application/json'
        ]?.schema;
      if (schema === undefined) throw new Error(`${key}: no JSON response schema in the document`);
      validate = this.ajv.compile(pointedAt(this.id, closedSchema(schema)) as object);
      this.validators.set(key, validate);
    }
    return validate(body) ? null : validate.errors;
  }
}
