import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { ProblemError, RequestValidationError } from '@app/config';

export interface ActionRoute<Dto extends object> {
  readonly path: string;
  readonly dto: new () => Dto;
}

/**
 * The action a `POST …/{id}/<path>` request names, its body checked like its own DTO (as the global
 * ValidationPipe checks a declared body): 404 for an unknown action, 400 for a body that does not fit.
 */
export async function routedAction<Type extends string, Dto extends object>(
  routes: Record<Type, ActionRoute<Dto>>,
  path: string,
  body: unknown,
): Promise<{ type: Type; dto: Dto }> {
  const found = (Object.entries(routes) as [Type, ActionRoute<Dto>][]).find(
    ([, route]) => route.path === path,
  );
  if (!found) throw new ProblemError(404, 'NOT_FOUND', 'Not Found', `no action ${path}`);
  const dto = plainToInstance(found[1].dto, body ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new RequestValidationError(errors);
  return { type: found[0], dto };
}
