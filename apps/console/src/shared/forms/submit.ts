import { api, unwrap } from '../../api/client';

/**
 * The API's own call (bearer token, a 401 ends the session) to an endpoint the API named at run time (an
 * available action's `endpoint`): its path is concrete, so no template of the typed client fits it.
 */
type Post = (
  url: string,
  init: { body: unknown; params?: { query?: Record<string, unknown> }; headers?: Record<string, string> },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const post = api.POST.bind(api) as unknown as Post;

/** The answer of recording the action: the case after it (dryRun: what recording it now would answer). */
export function postAction(
  endpoint: string,
  body: unknown,
  options: { readonly dryRun: true } | { readonly dryRun: false; readonly idempotencyKey: string },
): Promise<unknown> {
  return unwrap(
    post(endpoint, {
      body,
      ...(options.dryRun
        ? { params: { query: { dryRun: true } } }
        : { headers: { 'Idempotency-Key': options.idempotencyKey } }),
    }),
  );
}
