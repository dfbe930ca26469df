import {
  type INestApplication,
  ParseUUIDPipe,
  RequestMethod,
  type Type,
  applyDecorators,
} from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  DECORATORS,
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type PathsObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
  SwaggerModule,
  getSchemaPath,
} from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

import {
  API_ACTION_ROUTES,
  type ActionRoutesMetadata,
  OPERATION_ID,
  actionOperations,
} from './openapi-actions';
import { IS_PUBLIC } from './public';

export { type ApiActionOperation, ApiActionRoutes, OPERATION_ID } from './openapi-actions';

/** The media type of every error response (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
/** Name of the bearer security scheme in every document. */
export const BEARER_SCHEME = 'bearer';

/**
 * The values of a string union for a schema's `enum`, checked complete: a value the union gains and the list
 * lacks fails to compile (`unionValues<CaseStatus>()(['RECORDING', …])`), so the document cannot fall behind.
 */
export function unionValues<Union extends string>() {
  return <const Values extends readonly Union[]>(
    values: Values &
      ([Union] extends [Values[number]] ? unknown : { missing: Exclude<Union, Values[number]> }),
  ): Values => values;
}

@ApiSchema({ name: 'RuleViolation' })
export class RuleViolationSchema {
  @ApiProperty({ example: 'T15_APPLICANT_UNDER_18' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: '§5' }) article!: string | null;
  @ApiProperty({ example: '申请入党须年满18岁：申请人于2026-12-01年满18岁' }) message!: string;
  @ApiPropertyOptional({
    example: 'birthDate',
    description:
      'The request body field the rule concerns, named as the body names it (dotted when nested: ' +
      '`vote.presentVoting`, `sponsorIds.1`); absent when the rule concerns the case or the step as a whole',
  })
  field?: string;
}

@ApiSchema({ name: 'FieldError' })
export class FieldErrorSchema {
  @ApiProperty({ example: 'branch' }) field!: string;
  @ApiProperty({ example: 'branch should not be empty' }) message!: string;
}

@ApiSchema({
  name: 'ImportRowError',
  description: 'A bad row of an import file, numbered as the spreadsheet numbers it (header = 1)',
})
export class ImportRowErrorSchema {
  @ApiProperty({ type: 'integer', example: 7 }) row!: number;
  @ApiProperty({ type: String, nullable: true, example: '公民身份号码', description: 'null: the whole row' })
  column!: string | null;
  @ApiProperty({ example: 'NATIONAL_ID_CHECK_DIGIT_INVALID' }) code!: string;
  @ApiProperty({ example: '公民身份号码校验位不正确' }) message!: string;
}

/** RFC 9457 problem details as every app answers them (ProblemFilter); more members may follow. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsSchema {
  @ApiProperty({ example: 'urn:xianfeng:problem:T15_APPLICANT_UNDER_18' }) type!: string;
  @ApiProperty({ example: '违反发展党员工作规定' }) title!: string;
  @ApiProperty({ type: 'integer', example: 422 }) status!: number;
  @ApiProperty({ example: '申请入党须年满18岁：申请人于2026-12-01年满18岁' }) detail!: string;
  @ApiProperty({ example: '/v1/member-cases' }) instance!: string;
  @ApiProperty({ example: 'T15_APPLICANT_UNDER_18', description: 'stable rule or error code' }) code!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '§5',
    description: 'article of the regulation the rule comes from',
  })
  article?: string | null;
  @ApiPropertyOptional({ type: [RuleViolationSchema], description: 'every rule the request breaks' })
  violations?: RuleViolationSchema[];
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'every field that failed validation' })
  errors?: FieldErrorSchema[];
  @ApiPropertyOptional({
    type: [ImportRowErrorSchema],
    description: 'IMPORT_ROWS_INVALID: every bad row of the file, in file order (nothing was imported)',
  })
  rowErrors?: ImportRowErrorSchema[];
  @ApiPropertyOptional({ type: 'integer', description: 'seconds to wait before retrying (429, 503)' })
  retryAfter?: number;
  @ApiPropertyOptional({ description: 'id of the request in the logs (X-Request-Id)' })
  requestId?: string;
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503 | 504;

const DEFAULT_DESCRIPTIONS: Readonly<Record<ProblemStatus, string>> = {
  400: 'REQUEST_VALIDATION_FAILED, MALFORMED_JSON: the request does not fit its schema; nothing was recorded',
  401: 'AUTHENTICATION_REQUIRED, TOKEN_INVALID: no bearer token, or one that is not accepted',
  403: 'OUT_OF_SCOPE, ROLE_NOT_PERMITTED, NOT_ACTING_BODY, DELEGATION_NOT_ACTIVE, …: the caller may not do this',
  404: 'NOT_FOUND: no such resource in reach',
  409: 'the resource is not in a state that allows this (already open, closed)',
  413: 'PAYLOAD_TOO_LARGE: the body is over the size limit',
  415: 'UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_CHARSET: send the body as application/json in UTF-8',
  422: 'a rule blocks the request (stable code and article); nothing was recorded',
  429: 'RATE_LIMITED: too many requests; retry after the Retry-After header',
  503: 'IDENTITY_PROVIDER_UNAVAILABLE or a backing service is unavailable; retry later',
  504: 'a backing service did not answer in time; the request may or may not have been recorded',
};

function problemResponse(description: string, status: number): ResponseObject {
  return {
    description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
    ...(status === 429 || status === 503
      ? {
          headers: {
            'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } },
          },
        }
      : {}),
  };
}

/**
 * Problem responses an operation (or every operation of a controller) can answer, as
 * application/problem+json with the ProblemDetails schema; a description names the codes, `true` keeps
 * the default one. The document builder adds the ones an operation answers by its kind: 429 everywhere,
 * 401, 403 and 503 when authenticated, 400 wherever there is input, 413 and 415 wherever there is a body.
 */
export function ApiProblems(
  responses: Partial<Record<ProblemStatus, string | true>>,
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema),
    ...Object.entries(responses).map(([key, text]) => {
      const status = Number(key) as ProblemStatus;
      const description = text === true || text === undefined ? DEFAULT_DESCRIPTIONS[status] : text;
      return ApiResponse({ status, ...problemResponse(description, status) });
    }),
  );
}

export interface OpenApiInfo {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head' | 'trace';
const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'options',
  'head',
  'trace',
];

interface Handler {
  readonly isPublic: boolean;
  /** What the handler answers when it succeeds (@HttpCode, else 201 for POST and 200 otherwise). */
  readonly status: number;
  /** Path parameters a ParseUUIDPipe checks (400 unless a UUID). */
  readonly uuidParams: ReadonlySet<string>;
  /** The class a `@Query()` argument is validated with, if any. */
  readonly queryModel?: Type<unknown>;
  /** Classes whose schemas the handler's parameters, body, extra models and responses name. */
  readonly models: readonly Type<unknown>[];
  /** The actions a table-driven handler stands for, one operation each (ApiActionRoutes). */
  readonly actions?: ActionRoutesMetadata;
}

/**
 * The OpenAPI document of an app: every route with its schemas (a table-driven route as one operation per
 * action), a bearer JWT scheme required everywhere but on the public (health) routes, and the problem
 * responses every operation can answer. Throws when two classes would share a schema name (Swagger would
 * silently document one with the other's properties), and unless every operation has its own operationId
 * meant for generated clients (`recordTalk`, set with ApiOperation or ApiActionRoutes; never Swagger's
 * `Controller_method`).
 */
export function createOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'ES256/RS256/EdDSA token of the identity provider (claims sub, name, org_unit, roles)',
      },
      BEARER_SCHEME,
    )
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsSchema] });
  const handlers = routeHandlers(app);
  const models = schemaModels(handlers.values()); // throws on a name two classes share
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  for (const [name, model] of models) {
    const properties = schemas[name]?.properties;
    if (properties) applyValidation(model, properties, { body: true });
  }
  const paths: PathsObject = {};
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const found = item[method];
      if (!found) continue;
      const handler = handlers.get(found.operationId ?? '');
      if (!handler) throw new Error(`OpenAPI: no handler found for ${method.toUpperCase()} ${path}`);
      const operations = handler.actions
        ? actionOperations(path, found, handler.actions)
        : [{ path, operation: found }];
      for (const { path, operation } of operations) {
        const label = `${method.toUpperCase()} ${path}`;
        completeOperation(operation, handler, label);
        if (handler.queryModel) {
          const query = ((operation.parameters ?? []) as ParameterObject[]).filter((p) => p.in === 'query');
          const schemas = Object.fromEntries(query.flatMap((p) => (p.schema ? [[p.name, p.schema]] : [])));
          applyValidation(handler.queryModel, schemas, { body: false });
        }
        const id = operation.operationId ?? '';
        if (!OPERATION_ID.test(id)) {
          throw new Error(
            `OpenAPI: ${label} has operationId ${id}; give it one for generated clients (ApiOperation({ operationId }))`,
          );
        }
        if (operationIds.has(id)) throw new Error(`OpenAPI: operationId ${id} is used twice (${label})`);
        operationIds.add(id);
        const pathItem = (paths[path] ??= {});
        if (pathItem[method]) throw new Error(`OpenAPI: ${label} is documented twice`);
        pathItem[method] = operation;
      }
    }
  }
  document.paths = paths;
  closeRequestSchemas(document);
  return document;
}

/**
 * The class-validator rules of a class as JSON Schema keywords on its documented properties, so the
 * document states the limits the validation enforces (lengths, ranges, sizes, formats). Properties validated
 * only on a condition (ValidateIf) keep their schema: the document cannot say when the rule applies. An
 * optional body property (IsOptional) is nullable: IsOptional lets null through as well as an absent value.
 */
function applyValidation(
  model: Type<unknown>,
  properties: Record<string, SchemaObject | ReferenceObject>,
  { body }: { body: boolean },
): void {
  const property = (name: string): SchemaObject | ReferenceObject | undefined =>
    Object.hasOwn(properties, name) ? properties[name] : undefined;
  const rules = getMetadataStorage().getTargetValidationMetadatas(model, '', true, false);
  const conditional = new Set(
    rules
      .filter((rule) => rule.name === undefined && rule.type === 'conditionalValidation')
      .map((rule) => rule.propertyName),
  );
  for (const rule of rules) {
    const documented = property(rule.propertyName);
    if (!documented || '$ref' in documented || conditional.has(rule.propertyName)) continue;
    const items = documented.items && !('$ref' in documented.items) ? documented.items : undefined;
    const schema = rule.each ? items : documented;
    if (!schema) continue;
    const first = (rule.constraints as unknown[] | undefined)?.[0];
    switch (rule.name) {
      case 'maxLength':
        schema.maxLength = first as number;
        break;
      case 'minLength':
        schema.minLength = first as number;
        break;
      case 'isNotEmpty':
        if (schema.type === 'string') schema.minLength = Math.max(schema.minLength ?? 0, 1);
        break;
      case 'min':
        schema.minimum = first as number;
        break;
      case 'max':
        schema.maximum = first as number;
        break;
      case 'isInt':
        schema.type = 'integer';
        break;
      case 'arrayMinSize':
        documented.minItems = first as number;
        break;
      case 'arrayMaxSize':
        documented.maxItems = first as number;
        break;
      case 'isUuid':
        schema.format = 'uuid';
        break;
      case 'isLocalDate':
        schema.format = 'date';
        break;
      case 'isIso8601':
        schema.format = 'date-time';
        break;
      case 'isIn':
        schema.enum ??= [...(first as unknown[])];
        break;
    }
  }
  if (!body) return;
  const optional = rules.filter((rule) => rule.name === 'isOptional').map((rule) => rule.propertyName);
  for (const name of optional) {
    const documented = property(name);
    if (!documented || conditional.has(name)) continue;
    if ('$ref' in documented) {
      properties[name] = { allOf: [documented], nullable: true };
      continue;
    }
    documented.nullable = true;
    // A nullable enum still refuses null unless null is one of its values.
    if (documented.enum && !documented.enum.includes(null)) {
      documented.enum = [...(documented.enum as unknown[]), null];
    }
  }
}

/** Adds what every operation of its kind can answer; refuses errors documented as anything but problems. */
function completeOperation(
  operation: OperationObject,
  { isPublic, status, uuidParams }: Handler,
  label: string,
): void {
  const responses = operation.responses;
  if (!responses[status]) throw new Error(`OpenAPI: ${label} answers ${status}, which it does not document`);
  const add = (status: ProblemStatus): void => {
    responses[status] ??= problemResponse(DEFAULT_DESCRIPTIONS[status], status);
  };
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const parameter of parameters) {
    if (parameter.in === 'path' && uuidParams.has(parameter.name)) {
      parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
    }
  }
  if (isPublic) {
    operation.security = [];
  } else {
    parameters.push({
      name: 'Acting-For',
      in: 'header',
      required: false,
      description:
        'Id of a delegation to the caller: act with the delegator’s office roles (403 if not active)',
      schema: { type: 'string', format: 'uuid' },
    });
    operation.parameters = parameters;
    add(401);
    add(403);
    add(503);
  }
  add(429);
  // Any input can be refused as malformed; a bad Acting-For is refused as forbidden (403).
  if (operation.requestBody || parameters.some((parameter) => parameter.name !== 'Acting-For')) add(400);
  if (operation.requestBody) {
    add(413);
    add(415);
  }
  // The health probes answer their own JSON (503 with the failing checks); everything else errs as a problem.
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 || (isPublic && Number(status) !== 429)) continue;
    const types = Object.keys((response as ResponseObject).content ?? {});
    if (types.length !== 1 || types[0] !== PROBLEM_MEDIA_TYPE) {
      throw new Error(
        `OpenAPI: ${label} documents ${status} as ${types.join(', ') || 'no content'}; use ApiProblems`,
      );
    }
  }
}

/**
 * Request bodies are validated with forbidNonWhitelisted: a property the schema does not name is refused,
 * so every schema a body reaches is closed (additionalProperties: false) unless it says otherwise.
 */
function closeRequestSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const closed = new Set<string>();
  const visit = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (closed.has(name)) return;
      closed.add(name);
      const target = schemas[name] as SchemaObject | undefined;
      if (target && target.type === 'object' && target.additionalProperties === undefined) {
        target.additionalProperties = false;
      }
      visit(target);
      return;
    }
    Object.values(schema.properties ?? {}).forEach(visit);
    if (schema.items) visit(schema.items);
    [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const body = item[method]?.requestBody;
      if (body && 'content' in body) Object.values(body.content).forEach((media) => visit(media.schema));
    }
  }
}

/**
 * Every route handler of the app by the operation id Swagger gives it: the one set with ApiOperation, else
 * its default (`Controller_method`).
 */
function routeHandlers(app: INestApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  const owners = new Map<string, unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      const classModels = metadataModels(controller);
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const method = prototype[name];
        if (name === 'constructor' || typeof method !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, method) === undefined) continue;
        if (Reflect.getMetadata(METHOD_METADATA, method) === undefined) continue;
        const parameterTypes = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod;
        const queryModel = queryArgument(controller, name, parameterTypes);
        const named = (
          Reflect.getMetadata(DECORATORS.API_OPERATION, method) as { operationId?: string } | undefined
        )?.operationId;
        const id = named ?? `${controller.name}_${name}`;
        const owner = owners.get(id);
        if (owner !== undefined && owner !== method) {
          throw new Error(`OpenAPI: two handlers have the operationId ${id}`);
        }
        owners.set(id, method);
        const actions = Reflect.getMetadata(API_ACTION_ROUTES, method) as ActionRoutesMetadata | undefined;
        handlers.set(id, {
          isPublic: classPublic || Reflect.getMetadata(IS_PUBLIC, method) === true,
          status:
            (Reflect.getMetadata(HTTP_CODE_METADATA, method) as number | undefined) ??
            (requestMethod === RequestMethod.POST ? 201 : 200),
          models: [...classModels, ...metadataModels(method), ...parameterTypes.filter(isModel)],
          uuidParams: uuidParameters(controller, name),
          ...(queryModel ? { queryModel } : {}),
          ...(actions ? { actions } : {}),
        });
      }
    }
  }
  return handlers;
}

/** Names of the path parameters of a handler that a ParseUUIDPipe checks. */
function uuidParameters(controller: Type<unknown>, method: string): Set<string> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { data?: unknown; pipes?: unknown[] }
  >;
  return new Set(
    Object.entries(args)
      .filter(([key]) => key.startsWith(`${RouteParamtypes.PARAM}:`))
      .filter(([, arg]) =>
        (arg.pipes ?? []).some((pipe) => pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe),
      )
      .map(([, arg]) => String(arg.data)),
  );
}

/** The class of a handler's whole-query argument (`@Query() query: SomeDto`), if it has one. */
function queryArgument(
  controller: Type<unknown>,
  method: string,
  parameterTypes: readonly unknown[],
): Type<unknown> | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const query = Object.entries(args).find(
    ([key, arg]) => key.startsWith(`${RouteParamtypes.QUERY}:`) && arg.data === undefined,
  );
  const type = query ? parameterTypes[query[1].index] : undefined;
  return isModel(type) ? type : undefined;
}

const BUILT_INS = new Set<unknown>([String, Number, Boolean, Object, Array, Date, Promise, Function]);
const isModel = (value: unknown): value is Type<unknown> =>
  typeof value === 'function' && !BUILT_INS.has(value) && value.prototype !== undefined;

/** Models named by ApiExtraModels, ApiBody and ApiResponse on a class or method. */
function metadataModels(target: object): Type<unknown>[] {
  const extra = (Reflect.getMetadata(DECORATORS.API_EXTRA_MODELS, target) ?? []) as unknown[];
  const responses = Object.values(
    (Reflect.getMetadata(DECORATORS.API_RESPONSE, target) ?? {}) as Record<string, { type?: unknown }>,
  ).map((response) => response.type);
  const parameters = (
    (Reflect.getMetadata(DECORATORS.API_PARAMETERS, target) ?? []) as { type?: unknown }[]
  ).map((parameter) => parameter.type);
  return [...extra, ...responses, ...parameters].map(unwrapType).filter(isModel);
}

function unwrapType(type: unknown): unknown {
  const inner: unknown = Array.isArray(type) ? (type as unknown[])[0] : type;
  // A lazy type (`type: () => Dto`) is an arrow function: no prototype.
  return typeof inner === 'function' && (inner as { prototype?: unknown }).prototype === undefined
    ? unwrapType((inner as () => unknown)())
    : inner;
}

function schemaName(model: Type<unknown>): string {
  const custom = (Reflect.getOwnMetadata(DECORATORS.API_SCHEMA, model) ?? []) as { name?: string }[];
  return custom[custom.length - 1]?.name ?? model.name;
}

/**
 * The classes the routes' schemas come from, by schema name: their parameters, bodies, responses and
 * extra models, and the classes of their properties. Throws when two classes would share a name.
 */
export function openApiModels(app: INestApplication): ReadonlyMap<string, Type<unknown>> {
  return schemaModels(routeHandlers(app).values());
}

function schemaModels(handlers: Iterable<Handler>): Map<string, Type<unknown>> {
  const byName = new Map<string, Type<unknown>>();
  const pending = [...handlers].flatMap((handler) => handler.models);
  const seen = new Set<Type<unknown>>();
  while (pending.length > 0) {
    const model = pending.pop()!;
    if (seen.has(model)) continue;
    seen.add(model);
    const name = schemaName(model);
    const other = byName.get(name);
    if (other && other !== model) {
      throw new Error(
        `OpenAPI: two classes are named ${name}; give one a unique name with @ApiSchema({ name })`,
      );
    }
    byName.set(name, model);
    // Models a model names by ApiExtraModels (a `$ref` in a map or union of its properties).
    pending.push(
      ...((Reflect.getMetadata(DECORATORS.API_EXTRA_MODELS, model) ?? []) as unknown[]).filter(isModel),
    );
    const prototype = model.prototype as object;
    const properties = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ??
      []) as string[];
    for (const key of properties) {
      const property = Reflect.getMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        prototype,
        key.replace(/^:/, ''),
      ) as { type?: unknown } | undefined;
      const type = unwrapType(property?.type);
      if (isModel(type)) pending.push(type);
    }
  }
  return byName;
}
