import createClient, { type Middleware } from 'openapi-fetch';

import { session } from '../auth/session';
import { type components, type paths } from './generated/api';
import { type components as TargetsComponents, type paths as TargetsPaths } from './generated/targets';

/** The API's schemas, generated from libs/contracts/openapi/api.json. */
export type Schemas = components['schemas'];
/** The targets app's schemas (libs/contracts/openapi/targets.json); the API forwards /v1/targets to it. */
export type TargetsSchemas = TargetsComponents['schemas'];
export type Problem = Schemas['ProblemDetails'];
export type RuleViolation = Schemas['RuleViolation'];

/** Every call carries the session's bearer token; a 401 ends the session (the sign-in page takes over). */
const bearer: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) session.signOut();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);
export const targetsApi = createClient<TargetsPaths>({ baseUrl: window.location.origin });
targetsApi.use(bearer);

/** A refused call, carrying the API's problem document (RFC 9457: code, article, violations, field errors). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'code' in body && 'status' in body;
}

/** The data of a successful call; a refused one throws ProblemError (a bare failure gets a problem of its own). */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (isProblem(error)) throw new ProblemError(error);
    throw new ProblemError({
      type: 'about:blank',
      title: '请求失败',
      status: response.status,
      detail: `服务返回 HTTP ${response.status}`,
      instance: new URL(response.url).pathname,
      code: `HTTP_${response.status}`,
    });
  }
  return data as T;
}
