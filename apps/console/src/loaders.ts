import { type LoaderFunctionArgs } from 'react-router';

import { session } from './auth/session';
import { filtersOf as backlogFiltersOf } from './pages/backlog/filters';
import { backlogQuery, backlogSummaryQuery } from './pages/backlog/queries';
import { scopeUnitsQuery } from './pages/backlog/useOrgUnits';
import { type Pipeline, isPipeline } from './shared/cases';
import { caseSearchQuery, searchBody } from './pages/cases/caseSearch';
import { availableActionsQuery, caseSummaryQuery, planQuery, recordsQuery } from './pages/cases/useCaseData';
import { inboxQuery } from './pages/inbox/queries';
import { entryFiltersOf, reserveEntriesQuery } from './pages/reserve/queries';
import { cadreProgrammesQuery, targetsQueries } from './pages/targets/queries';
import { orgUnitQuery, scopeTreeQuery } from './shared/orgUnits';
import { meQuery } from './shared/useMe';
import { queryClient } from './queryClient';

/*
 * Route loaders ask for a page's data as the route is entered, alongside the page's code, instead of after the
 * page's first render. They never wait for an answer (navigation is not held up) and never fail: the page's
 * hooks use the same query options, find the answers (or the request in flight) in the cache, and show errors.
 */

export type Loader = (args: LoaderFunctionArgs) => null;

/** A loader that runs `prefetch` with the URL's parameters when someone is signed in. */
function prefetching(
  prefetch: (params: URLSearchParams, path: LoaderFunctionArgs['params']) => void,
): Loader {
  return ({ request, params }) => {
    if (session.current()) prefetch(new URL(request.url).searchParams, params);
    return null;
  };
}

/** The caller's read scope root (GET /v1/me, shared with the layout), for pages that start from it. */
function whenRootKnown(then: (rootCode: string) => void): void {
  queryClient
    .ensureQueryData(meQuery(session.current()?.user.subject))
    .then((me) => then(me.readScope.root.code))
    .catch(() => undefined);
}

export const loaders = {
  /** The frame's own query: every page names the user and unit. */
  layout: prefetching(() => void queryClient.prefetchQuery(meQuery(session.current()?.user.subject))),

  inbox: prefetching(() => void queryClient.prefetchQuery(inboxQuery)),

  cases: prefetching((params) => {
    const tab = params.get('tab');
    const pipeline: Pipeline = isPipeline(tab) ? tab : 'member';
    void queryClient.prefetchInfiniteQuery(caseSearchQuery(pipeline, searchBody(pipeline, params, null)));
    void queryClient.prefetchQuery(scopeTreeQuery);
  }),

  case: prefetching((_params, { kind, id }) => {
    if (!isPipeline(kind) || !id) return;
    void queryClient.prefetchQuery(caseSummaryQuery(kind, id));
    void queryClient.prefetchQuery(availableActionsQuery(kind, id));
    void queryClient.prefetchQuery(planQuery(kind, id));
    void queryClient.prefetchQuery(recordsQuery(kind, id));
    void queryClient.prefetchQuery(scopeTreeQuery);
  }),

  backlog: prefetching((params) => {
    const filters = backlogFiltersOf(params);
    void queryClient.prefetchInfiniteQuery(backlogQuery(filters));
    void queryClient.prefetchQuery(backlogSummaryQuery(filters));
    void queryClient.prefetchQuery(scopeUnitsQuery);
  }),

  targets: prefetching((params) => {
    void queryClient.prefetchQuery(cadreProgrammesQuery);
    const year = Number(params.get('year')) || new Date().getFullYear();
    const start = (unit: string) => {
      const queries = targetsQueries(unit, year);
      void queryClient.prefetchQuery(queries.progress);
      void queryClient.prefetchQuery(queries.forecast);
      void queryClient.prefetchQuery(queries.alerts);
      void queryClient.prefetchQuery(queries.villageCadres);
      void queryClient.prefetchQuery(queries.unit);
    };
    const unit = params.get('unit');
    if (unit) start(unit);
    else whenRootKnown(start);
  }),

  reserve: prefetching((params) => {
    void queryClient.prefetchQuery(scopeUnitsQuery);
    const tab = params.get('tab');
    if (!tab || tab === 'entries') {
      void queryClient.prefetchInfiniteQuery(reserveEntriesQuery(entryFiltersOf(params)));
    }
  }),

  org: prefetching((params) => {
    // The tree starts from the root; the card shows the unit picked (the root unless the URL names one).
    const unit = params.get('unit');
    if (unit) void queryClient.prefetchQuery(orgUnitQuery(unit));
    whenRootKnown((root) => void queryClient.prefetchQuery(orgUnitQuery(root)));
  }),
} satisfies Record<string, Loader>;
