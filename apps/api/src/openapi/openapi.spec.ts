import 'reflect-metadata';

import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  type OpenAPIObject,
  type OperationObject,
  type ReferenceObject,
  type RequestBodyObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';

import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { OPERATION_ID, openApiModels } from '@app/config';

import { type ActionRoute } from '../action-route';
import { ApiModule } from '../api.module';
import { CADRE_ACTION_ROUTES } from '../cadre-cases/cadre-case.dto';
import { MEMBER_ACTION_ROUTES } from '../member-cases/actions/member-action-routes';
import { RESERVE_ACTION_ROUTES } from '../reserve-pool/reserve-pool.dto';
import { apiOpenApiDocument } from './openapi';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(document: OpenAPIObject): { label: string; path: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item[method] ? [{ label: `${method.toUpperCase()} ${path}`, path, operation: item[method] }] : [],
    ),
  );
}

function resolve(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): SchemaObject {
  if (schema && '$ref' in schema) {
    return document.components!.schemas![schema.$ref.replace('#/components/schemas/', '')] as SchemaObject;
  }
  return schema ?? {};
}

/** The component name a `$ref` points at. */
function resolveName(schema: SchemaObject | ReferenceObject | undefined): string {
  return schema && '$ref' in schema ? schema.$ref.replace('#/components/schemas/', '') : '';
}

/** Properties of a schema with its allOf parents (Swagger documents a subclass with its inherited fields). */
function propertiesOf(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): string[] {
  const resolved = resolve(document, schema);
  return [
    ...Object.keys(resolved.properties ?? {}),
    ...(resolved.allOf ?? []).flatMap((part) => propertiesOf(document, part)),
  ];
}

/** Names of the component schemas request bodies use, directly or through their properties. */
function requestSchemas(document: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const visit = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (names.has(name)) return;
      names.add(name);
      visit(document.components!.schemas![name]);
      return;
    }
    Object.values(schema.properties ?? {}).forEach(visit);
    [schema.items, ...(schema.allOf ?? []), ...(schema.oneOf ?? [])].forEach(visit);
  };
  for (const { operation } of operations(document)) {
    const body = operation.requestBody as RequestBodyObject | undefined;
    Object.values(body?.content ?? {}).forEach((media) => visit(media.schema));
  }
  return names;
}

describe('OpenAPI document of the API', () => {
  let document: OpenAPIObject;
  let models: ReadonlyMap<string, Type<unknown>>;

  beforeAll(async () => {
    // Preview mode builds the module graph without instantiating providers: no database, no Temporal.
    const app: INestApplication = await NestFactory.create(ApiModule, {
      preview: true,
      logger: false,
      abortOnError: false,
    });
    document = apiOpenApiDocument(app);
    models = openApiModels(app);
    await app.close();
  });

  it('requires exactly the body properties the validation refuses to go without', async () => {
    const mismatches: string[] = [];
    for (const name of requestSchemas(document)) {
      const schema = document.components!.schemas![name] as SchemaObject;
      const model = models.get(name)!;
      const refused = new Set(
        (await validate(plainToInstance(model, {}) as object)).map((error) => error.property),
      );
      const required = new Set(schema.required ?? []);
      for (const property of Object.keys(schema.properties ?? {})) {
        if (required.has(property) !== refused.has(property)) {
          mismatches.push(
            `${name}.${property}: ${required.has(property) ? 'required' : 'optional'} in the document`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('documents every action of the route tables as its own operation: path, body, operationId, summary', () => {
    const tables: {
      prefix: string;
      routes: Readonly<Record<string, Omit<ActionRoute<object, never, unknown>, 'build'>>>;
      required: string[];
    }[] = [
      { prefix: '/v1/member-cases/{id}', routes: MEMBER_ACTION_ROUTES, required: ['actingBody', 'date'] },
      { prefix: '/v1/cadre-cases/{id}', routes: CADRE_ACTION_ROUTES, required: ['date'] },
      { prefix: '/v1/reserve-pool/entries/{id}', routes: RESERVE_ACTION_ROUTES, required: ['date'] },
    ];
    for (const { prefix, routes, required } of tables) {
      // No catch-all operation stands in for them.
      expect(document.paths[`${prefix}/{action}`]).toBeUndefined();
      for (const route of Object.values(routes)) {
        const operation = document.paths[`${prefix}/${route.path}`]?.post;
        const schema = (operation?.requestBody as RequestBodyObject | undefined)?.content['application/json']
          ?.schema;
        expect({
          path: route.path,
          operationId: operation?.operationId,
          summary: operation?.summary,
          body: schema,
          status: Object.keys(operation?.responses ?? {}).filter((status) => status < '300'),
        }).toEqual({
          path: route.path,
          operationId: route.operationId,
          summary: route.summary,
          body: { $ref: expect.stringMatching(/^#\/components\/schemas\//) },
          status: ['200'],
        });
        const properties = propertiesOf(document, schema);
        expect({ path: route.path, properties }).toEqual({
          path: route.path,
          properties: expect.arrayContaining(required),
        });
        // The cadre and reserve-pool bodies are dated, with no actingBody (the caller's unit acts).
        if (!required.includes('actingBody')) expect(properties).not.toContain('actingBody');
        expect(models.get(resolveName(schema))).toBe(route.dto);
      }
    }
  });

  it('documents the body of every success but 204 No Content with a schema, and none for 204', () => {
    // The console's client is generated from this document: an answer without a schema has no type there.
    const wrong = operations(document).flatMap(({ label, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^2\d\d$/.test(status))
        .filter(([status, response]) => {
          const media = Object.values((response as ResponseObject).content ?? {});
          return status === '204'
            ? media.length > 0
            : media.length === 0 || media.some((type) => type.schema === undefined);
        })
        .map(([status]) => `${label} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('names every operation for generated clients: a unique lower camel-case operationId', () => {
    const ids = operations(document).map(({ label, operation }) => ({ label, id: operation.operationId }));
    expect(OPERATION_ID.source).toBe('^[a-z][A-Za-z0-9]+$');
    expect(ids.filter(({ id }) => !/^[a-z][A-Za-z0-9]+$/.test(id ?? ''))).toEqual([]);
    const counts = new Map<string, number>();
    for (const { id } of ids) counts.set(id!, (counts.get(id!) ?? 0) + 1);
    expect([...counts].filter(([, count]) => count > 1)).toEqual([]);
    expect(ids.map(({ id }) => id)).toEqual(
      expect.arrayContaining(['recordTalk', 'nominateCadre', 'listBacklog', 'recommendReservist']),
    );
  });

  it('documents every error but a health probe’s own 503 as application/problem+json with ProblemDetails', () => {
    const problem = document.components!.schemas!.ProblemDetails as SchemaObject;
    expect(problem.properties!.article).toMatchObject({ type: 'string', nullable: true });
    expect(problem.properties!.violations).toMatchObject({ type: 'array' });
    expect(problem.properties!.errors).toMatchObject({ type: 'array' });
    const wrong = operations(document).flatMap(({ label, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400 && !(label === 'GET /health/ready' && status === '503'))
        .filter(([, response]) => {
          const content = (response as ResponseObject).content ?? {};
          return (
            Object.keys(content).join() !== 'application/problem+json' ||
            (content['application/problem+json']!.schema as ReferenceObject).$ref !==
              '#/components/schemas/ProblemDetails'
          );
        })
        .map(([status]) => `${label} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('requires a bearer JWT on every operation but the health probes and the console sign-in, and documents 401 where it does', () => {
    expect(document.components!.securitySchemes!.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.security).toEqual([{ bearer: [] }]);
    for (const { label, path, operation } of operations(document)) {
      // The console reads how to sign in, and in the dev and test profiles signs a demo user in, before it has a token.
      if (path.startsWith('/health/') || path.startsWith('/v1/console/')) {
        expect({ label, security: operation.security, has401: '401' in operation.responses }).toEqual({
          label,
          security: [],
          has401: false,
        });
      } else {
        expect({ label, security: operation.security, has401: '401' in operation.responses }).toEqual({
          label,
          security: undefined, // the document's own requirement applies
          has401: true,
        });
      }
    }
  });

  it('documents 400 wherever there is input and 413/415 wherever there is a body', () => {
    for (const { label, operation } of operations(document)) {
      const statuses = Object.keys(operation.responses);
      const hasInput = (operation.parameters ?? []).some(
        (parameter) => 'in' in parameter && parameter.in !== 'header',
      );
      if (operation.requestBody)
        expect({ label, statuses }).toEqual({
          label,
          statuses: expect.arrayContaining(['400', '413', '415']),
        });
      else if (hasInput)
        expect({ label, statuses }).toEqual({ label, statuses: expect.arrayContaining(['400']) });
    }
  });
});
