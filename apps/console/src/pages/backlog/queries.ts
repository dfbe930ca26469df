import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { type Schemas, api, unwrap } from '../../api/client';
import { type BacklogFilters } from './filters';

export type BacklogItem = Schemas['BacklogItem'];
export type BacklogSummary = Schemas['BacklogSummary'];

const PAGE = 50;

/** The backlog under the filters, a keyset page at a time ("加载更多" asks for the next). */
export const backlogQuery = (filters: BacklogFilters) =>
  infiniteQueryOptions({
    queryKey: ['backlog', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/backlog', {
          params: { query: { ...filters, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useBacklog(filters: BacklogFilters) {
  return useInfiniteQuery(backlogQuery(filters));
}

/** Open tasks of the unit filtered to (default the caller's scope) and of each child, by deadline and age. */
export function backlogSummaryQuery(filters: BacklogFilters) {
  const { orgUnit, workflowKind } = filters;
  return queryOptions({
    queryKey: ['backlog-summary', orgUnit ?? null, workflowKind ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/v1/backlog/summary', {
          params: { query: { ...(orgUnit ? { orgUnit } : {}), ...(workflowKind ? { workflowKind } : {}) } },
        }),
      ),
  });
}

export function useBacklogSummary(filters: BacklogFilters) {
  return useQuery(backlogSummaryQuery(filters));
}

/** Whole days from the day a task opened (its instant, read in China time) to `today`. */
export function daysWaiting(createdAt: string, today: string): number {
  const opened = chinaDate(createdAt);
  return Math.round((Date.parse(today) - Date.parse(opened)) / 86_400_000);
}

/** The calendar day (China Standard Time, UTC+8 all year) of an instant. */
export function chinaDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}
