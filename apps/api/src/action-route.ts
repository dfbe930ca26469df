import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { type ApiActionOperation, ProblemError, RequestValidationError } from '@app/config';
import { type LocalDate, parseLocalDate } from '@app/domain';

/**
 * One action of a case kind over HTTP: `POST …/{id}/<path>` with a body validated as `dto`, documented as its
 * own operation (`operationId`, `summary`: the step's Chinese name and what it does; `name`: the name alone), and
 * turned into the
 * domain action by `build` (what needs I/O or the case comes through `ctx`).
 */
export interface ActionRoute<Dto extends object, Ctx, Action> {
  readonly path: string;
  readonly dto: new () => Dto;
  readonly operationId: string;
  readonly summary: string;
  /** The step's Chinese name as the available actions show it (入党积极分子确定, 资格审查…). */
  readonly name: string;
  readonly build: (dto: Dto, ctx: Ctx) => Action | Promise<Action>;
}

/** The domain action of one type. */
export type ActionOf<Action, Type> = Extract<Action, { readonly type: Type }>;

/**
 * A case kind's route table: every action type, the DTO class its body is validated with, and a builder that
 * takes exactly that DTO and returns exactly that action (`Dtos` is inferred by `actionRoutes`).
 */
export type ActionRoutes<
  Action extends { readonly type: string },
  Ctx,
  Dtos extends { readonly [Type in Action['type']]: object },
> = { readonly [Type in Action['type']]: ActionRoute<Dtos[Type], Ctx, ActionOf<Action, Type>> };

/** Any route table, as routing and documentation see it (they never call a builder). */
export type AnyRoutes = Readonly<
  Record<string, Omit<ActionRoute<object, never, unknown>, 'build'> & { readonly build: unknown }>
>;

/** The DTO classes of a table's routes, as one union. */
type RoutesDto<Routes extends AnyRoutes> = {
  [Type in keyof Routes]: Routes[Type]['dto'] extends new () => infer Dto ? Dto : never;
}[keyof Routes];

/**
 * The route table of a case kind's actions, checked: `actionRoutes<CadreAction, CadreActionContext>()({ … })`
 * refuses a table that misses an action, gives a builder another DTO than its route's, or builds another
 * action than its key.
 */
export function actionRoutes<Action extends { readonly type: string }, Ctx>() {
  return <Dtos extends { readonly [Type in Action['type']]: object }>(routes: {
    readonly [Type in keyof Dtos]: ActionRoute<Dtos[Type], Ctx, ActionOf<Action, Type>>;
  }): ActionRoutes<Action, Ctx, Dtos> => routes;
}

/**
 * The action a `POST …/{id}/<path>` request names, its body checked like its own DTO (as the global
 * ValidationPipe checks a declared body): 404 for an unknown action, 400 for a body that does not fit.
 */
export async function routedAction<Routes extends AnyRoutes>(
  routes: Routes,
  path: string,
  body: unknown,
): Promise<{ type: keyof Routes & string; dto: RoutesDto<Routes> }> {
  const found = Object.entries(routes).find(([, route]) => route.path === path);
  if (!found) throw new ProblemError(404, 'NOT_FOUND', 'Not Found', `no action ${path}`);
  const dto = plainToInstance(found[1].dto, body ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new RequestValidationError(errors);
  return { type: found[0], dto: dto as RoutesDto<Routes> };
}

/**
 * The action path a `…/*action` route parameter names: its segments joined (a trailing slash dropped); none
 * for a segment that hides a slash (`%2F`), which no literal path matched either.
 */
export function wildcardPath(segments: string | readonly string[]): string {
  const parts = typeof segments === 'string' ? [segments] : [...segments];
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.some((part) => part === '' || part.includes('/')) ? '' : parts.join('/');
}

/**
 * The domain action of a checked body: the builder of its type's route. The body must be an instance of the
 * route's DTO class (as routedAction and the bulk actions make it), which is what lets the builder take it.
 */
export async function buildAction<
  Action extends { readonly type: string },
  Ctx,
  Dtos extends { readonly [Type in Action['type']]: object },
  Type extends Action['type'],
>(
  routes: ActionRoutes<Action, Ctx, Dtos>,
  type: Type,
  dto: object,
  ctx: Ctx,
): Promise<ActionOf<Action, Type>> {
  const route = routes[type];
  if (!(dto instanceof route.dto)) throw new Error(`${type}: the body is not a ${route.dto.name}`);
  return route.build(dto, ctx);
}

/** Each action's path segment, by action type. */
export function actionPaths<Routes extends AnyRoutes>(routes: Routes): Record<keyof Routes, string> {
  return Object.fromEntries(Object.entries(routes).map(([type, route]) => [type, route.path])) as Record<
    keyof Routes,
    string
  >;
}

/** Each action's body class, by action type. */
export function actionDtos<Routes extends AnyRoutes>(
  routes: Routes,
): { [Type in keyof Routes]: Routes[Type]['dto'] } {
  return Object.fromEntries(Object.entries(routes).map(([type, route]) => [type, route.dto])) as {
    [Type in keyof Routes]: Routes[Type]['dto'];
  };
}

/** The operations the table stands for in the OpenAPI document (ApiActionRoutes). */
export function actionOperations<Routes extends AnyRoutes>(
  routes: Routes,
  description?: (type: keyof Routes & string) => string,
): ApiActionOperation[] {
  return Object.entries(routes).map(([type, { path, dto, operationId, summary }]) => ({
    path,
    dto,
    operationId,
    summary,
    ...(description ? { description: description(type) } : {}),
  }));
}

/** A date of a body (validated as one already): 400 if it is not a calendar date after all. */
export function bodyDate(value: string, field: string): LocalDate {
  const parsed = parseLocalDate(value);
  if (!parsed)
    throw new ProblemError(
      400,
      'REQUEST_VALIDATION_FAILED',
      '请求参数不正确',
      `${field}: ${value} is not a calendar date`,
    );
  return parsed;
}
