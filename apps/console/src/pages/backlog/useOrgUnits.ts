import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { type Schemas, api, unwrap } from '../../api/client';

export type OrgUnitNode = Schemas['OrgUnitNodeResponse'];

/**
 * The units under the caller's scope root, down to branches (a county's tree: townships, villages, branches),
 * for the unit filters and to name the units a response gives by id only.
 */
export const scopeUnitsQuery = queryOptions({
  queryKey: ['org-units', 'scope', 4],
  queryFn: () => unwrap(api.GET('/v1/org-units', { params: { query: { depth: 4, limit: 1000 } } })),
  staleTime: 5 * 60_000,
});

export function useOrgUnits(enabled = true) {
  const query = useQuery({ ...scopeUnitsQuery, enabled });
  const units = useMemo(
    () =>
      query.data ? [query.data.under, ...query.data.items.filter((u) => u.id !== query.data.under.id)] : [],
    [query.data],
  );
  const byId = useMemo(() => new Map(units.map((unit) => [unit.id, unit])), [units]);
  return { ...query, units, byId };
}
