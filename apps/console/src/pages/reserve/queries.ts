import { infiniteQueryOptions } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import {
  CATEGORY_NAMES,
  type Category,
  type EntryQuery,
  type EntryStatus,
  type EntryStep,
  STATUS_NAMES,
  STEP_NAMES,
} from './labels';

export type EntryFilters = Omit<EntryQuery, 'limit' | 'cursor'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pick = <T extends string>(value: string | null, names: Readonly<Record<T, string>>): T | undefined =>
  value !== null && value in names ? (value as T) : undefined;

/** The list's filters from the URL; anything malformed is left out. */
export function entryFiltersOf(params: URLSearchParams): EntryFilters {
  const filters: EntryFilters = {};
  const orgUnit = params.get('village');
  if (orgUnit) filters.orgUnit = orgUnit;
  const name = params.get('name');
  if (name) filters.name = name;
  const status = pick<EntryStatus>(params.get('status'), STATUS_NAMES);
  if (status) filters.status = status;
  const step = pick<EntryStep>(params.get('entryStep'), STEP_NAMES);
  if (step) filters.entryStep = step;
  const category = pick<Category>(params.get('category'), CATEGORY_NAMES);
  if (category) filters.category = category;
  if (params.get('overdue') === 'true') filters.overdue = true;
  const from = params.get('recommendedFrom');
  if (from && DATE.test(from)) filters.recommendedFrom = from;
  const to = params.get('recommendedTo');
  if (to && DATE.test(to)) filters.recommendedTo = to;
  const sort = params.get('sort');
  if (sort === 'name' || sort === 'recommendedOn' || sort === 'updatedAt') filters.sort = sort;
  return filters;
}

/** 后备人员 under the filters, a keyset page at a time. */
export const reserveEntriesQuery = (filters: EntryFilters) =>
  infiniteQueryOptions({
    queryKey: ['reserve-entries', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/reserve-pool/entries', {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
