import { QueryClient } from '@tanstack/react-query';

import { ProblemError } from './api/client';

/** The console's one query cache: pages read it, route loaders fill it ahead of a page's code. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (403, 404, 422) will not change by asking again; a failure of the network may.
      retry: (count, error) => !(error instanceof ProblemError && error.problem.status < 500) && count < 2,
      staleTime: 15_000,
      refetchOnWindowFocus: false,
    },
  },
});
