import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../api/client';
import { useSession } from '../auth/session';

/** The signed-in user in context (GET /v1/me): unit and path, roles, what they may do, their read scope. */
export const meQuery = (subject: string | undefined) =>
  queryOptions({
    queryKey: ['me', subject],
    queryFn: () => unwrap(api.GET('/v1/me')),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQuery(useSession()?.user.subject));
}
