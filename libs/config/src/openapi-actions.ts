import { SetMetadata, type Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, type OperationObject, type ParameterObject, getSchemaPath } from '@nestjs/swagger';

/** What an operationId meant for generated clients looks like: a lower camel-case verb phrase (`recordTalk`). */
export const OPERATION_ID = /^[a-z][A-Za-z0-9]+$/;

export const API_ACTION_ROUTES = 'xianfeng:api-action-routes';

/** One operation a table-driven route stands for (see ApiActionRoutes). */
export interface ApiActionOperation {
  /** What replaces the route's path parameter: `talk`, `development-target-notice/objections`. */
  readonly path: string;
  /** The class the action's body is validated with: its schema is the operation's request body. */
  readonly dto: Type<unknown>;
  readonly operationId: string;
  readonly summary: string;
  /** Defaults to the handler's description. */
  readonly description?: string;
}

export interface ActionRoutesMetadata {
  readonly param: string;
  readonly operations: readonly ApiActionOperation[];
}

/**
 * Documents a handler that dispatches `…/:param` (or `…/*param`) through a route table as one operation per
 * action: the route's `{param}` replaced by the action's path, its own request body schema, operationId and
 * summary; everything else the handler documents (responses, headers, tags, other parameters) applies to each.
 */
export function ApiActionRoutes(param: string, operations: readonly ApiActionOperation[]): MethodDecorator {
  const metadata: ActionRoutesMetadata = { param, operations };
  return applyDecorators(
    ApiExtraModels(...new Set(operations.map((operation) => operation.dto))),
    SetMetadata(API_ACTION_ROUTES, metadata),
  );
}

/** One operation per action of a table-driven route, each at its own path with its own body and names. */
export function actionOperations(
  path: string,
  operation: OperationObject,
  { param, operations }: ActionRoutesMetadata,
): { path: string; operation: OperationObject }[] {
  const placeholder = `{${param}}`;
  if (!path.includes(placeholder)) {
    throw new Error(`OpenAPI: ${path} has no ${placeholder} to stand for its actions`);
  }
  return operations.map((action) => {
    const copy = structuredClone(operation);
    copy.operationId = action.operationId;
    copy.summary = action.summary;
    if (action.description !== undefined) copy.description = action.description;
    copy.parameters = ((copy.parameters ?? []) as ParameterObject[]).filter(
      (parameter) => !(parameter.in === 'path' && parameter.name === param),
    );
    copy.requestBody = {
      required: true,
      content: { 'application/json': { schema: { $ref: getSchemaPath(action.dto) } } },
    };
    return { path: path.replace(placeholder, action.path), operation: copy };
  });
}
