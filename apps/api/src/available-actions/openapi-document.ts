import { Injectable } from '@nestjs/common';
import { type OpenAPIObject, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';

/** A JSON Schema as the OpenAPI document has it, with no `$ref` left in it. */
export type JsonSchema = Record<string, unknown>;

/**
 * The app's OpenAPI document, built once, when it is first asked for: the bootstrap hands in how to build it
 * once the app exists (setupOpenApi), since the document is made from the running app's routes.
 */
@Injectable()
export class OpenApiDocumentHolder {
  private build?: () => OpenAPIObject;
  private document?: OpenAPIObject;

  /** How to build the document (called once the app is created). */
  provide(build: () => OpenAPIObject): void {
    this.build = build;
    this.document = undefined;
  }

  /** The document, built on first use; none when the bootstrap never provided it. */
  current(): OpenAPIObject | undefined {
    if (!this.document && this.build) this.document = this.build();
    return this.document;
  }

  /** The JSON Schema of the body `operationId` takes, its `$ref`s inlined; null without a document or a body. */
  bodySchema(operationId: string): JsonSchema | null {
    const document = this.current();
    return document ? operationBodySchema(document, operationId) : null;
  }
}

const REF_PREFIX = '#/components/schemas/';

/** The request body schema of an operation (`application/json`), its `$ref`s inlined; null if it has none. */
export function operationBodySchema(document: OpenAPIObject, operationId: string): JsonSchema | null {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, unknown>)) {
      const found = operation as { operationId?: string; requestBody?: unknown } | undefined;
      if (found?.operationId !== operationId) continue;
      const body = found.requestBody as
        { content?: Record<string, { schema?: SchemaObject | ReferenceObject }> } | undefined;
      const schema = body?.content?.['application/json']?.schema;
      return schema ? inlineRefs(schema, document.components?.schemas ?? {}) : null;
    }
  }
  return null;
}

/**
 * The schema with every `#/components/schemas/…` reference replaced by (a copy of) the schema it names,
 * recursively, so that it stands on its own. A schema that refers to itself keeps its `$ref` where it recurs.
 */
export function inlineRefs(
  schema: unknown,
  components: Readonly<Record<string, SchemaObject | ReferenceObject>>,
  within: readonly string[] = [],
): JsonSchema {
  return inline(schema, components, within) as JsonSchema;
}

function inline(
  value: unknown,
  components: Readonly<Record<string, SchemaObject | ReferenceObject>>,
  within: readonly string[],
): unknown {
  if (Array.isArray(value)) return value.map((each) => inline(each, components, within));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) {
    const name = ref.slice(REF_PREFIX.length);
    const target = components[name];
    if (!target) throw new Error(`OpenAPI: ${ref} names no schema`);
    if (within.includes(name)) return { $ref: ref };
    const { $ref: _ref, ...siblings } = value as Record<string, unknown>;
    const resolved = inline(target, components, [...within, name]) as Record<string, unknown>;
    return { ...resolved, ...(inline(siblings, components, within) as Record<string, unknown>) };
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, each]) => [key, inline(each, components, within)]),
  );
}
