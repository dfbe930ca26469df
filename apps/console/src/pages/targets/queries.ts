import { queryOptions } from '@tanstack/react-query';

import { api, targetsApi, unwrap } from '../../api/client';
import { orgUnitQuery } from '../../shared/orgUnits';

/** 目标's queries for a unit and year: progress, forecast, pace alerts, the 8595 shares and the unit itself. */
export function targetsQueries(orgUnit: string | undefined, year: number) {
  const query = { orgUnit: orgUnit ?? '', year };
  const enabled = orgUnit !== undefined;
  return {
    progress: queryOptions({
      queryKey: ['targets', orgUnit, year],
      enabled,
      queryFn: () => unwrap(targetsApi.GET('/v1/targets', { params: { query } })),
    }),
    forecast: queryOptions({
      queryKey: ['targets-forecast', orgUnit, year],
      enabled,
      queryFn: () => unwrap(targetsApi.GET('/v1/targets/forecast', { params: { query } })),
    }),
    alerts: queryOptions({
      queryKey: ['targets-alerts', orgUnit, year],
      enabled,
      queryFn: () => unwrap(targetsApi.GET('/v1/targets/alerts', { params: { query } })),
    }),
    villageCadres: queryOptions({
      queryKey: ['village-cadres', orgUnit],
      enabled,
      queryFn: () =>
        unwrap(
          targetsApi.GET('/v1/targets/village-cadres', { params: { query: { orgUnit: query.orgUnit } } }),
        ),
    }),
    unit: orgUnitQuery(orgUnit),
  };
}

/** The cadre programmes, whose names the recruitment metrics carry. */
export const cadreProgrammesQuery = queryOptions({
  queryKey: ['cadre-programmes'],
  queryFn: () => unwrap(api.GET('/v1/cadre-programmes')),
  staleTime: 60 * 60_000,
});
