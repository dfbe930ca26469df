import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

import { type paths } from '../../api/generated/api';
import { PIPELINES } from '../../shared/cases';

/** The backlog's query parameters, as the API document names them. */
export type BacklogQuery = NonNullable<paths['/v1/backlog']['get']['parameters']['query']>;
export type WorkflowKind = NonNullable<BacklogQuery['workflowKind']>;
export type TaskAction = NonNullable<BacklogQuery['action']>;
export type MemberStage = NonNullable<BacklogQuery['stage']>;

/** The filters the URL holds (the cursor is not one: a link opens the first page). */
export type BacklogFilters = Omit<BacklogQuery, 'limit' | 'cursor'>;

export const WORKFLOW_KINDS: readonly WorkflowKind[] = Object.values(PIPELINES).map((p) => p.kind);

/** Member development's five stages (DOMAIN §1.1). */
export const MEMBER_STAGES: Readonly<Record<MemberStage, string>> = {
  S1: 'S1 申请入党',
  S2: 'S2 入党积极分子',
  S3: 'S3 发展对象',
  S4: 'S4 预备党员的接收',
  S5: 'S5 预备期与转正',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function integer(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** The filters a URL asks for; anything malformed is left out rather than sent for a 400. */
export function filtersOf(params: URLSearchParams): BacklogFilters {
  const filters: BacklogFilters = {};
  const orgUnit = params.get('orgUnit');
  if (orgUnit) filters.orgUnit = orgUnit;
  const kind = oneOf(params.get('workflowKind'), WORKFLOW_KINDS);
  if (kind) filters.workflowKind = kind;
  const stage = oneOf(params.get('stage'), Object.keys(MEMBER_STAGES) as MemberStage[]);
  if (stage) filters.stage = stage;
  const step = integer(params.get('step'), 1, 25);
  if (step !== undefined) filters.step = step;
  // The action list lives in the API document; the API answers 400 for one it does not know.
  const action = params.get('action');
  if (action && /^[A-Z_]+$/.test(action)) filters.action = action as TaskAction;
  const status = oneOf(params.get('status'), ['OPEN', 'DONE'] as const);
  if (status) filters.status = status;
  if (params.get('overdue') === 'true') filters.overdue = true;
  const dueBefore = params.get('dueBefore');
  if (dueBefore && DATE.test(dueBefore)) filters.dueBefore = dueBefore;
  const within = integer(params.get('breachingWithinDays'), 0, 366);
  if (within !== undefined) filters.breachingWithinDays = within;
  const sort = oneOf(params.get('sort'), ['due', 'waiting'] as const);
  if (sort) filters.sort = sort;
  return filters;
}

/** The backlog's filters, read from and written to the URL (links and the back button keep them). */
export function useBacklogFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const update = useCallback(
    (changes: Partial<Record<keyof BacklogFilters, string | number | boolean | undefined>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '' || value === false) next.delete(key);
            else next.set(key, String(value));
          }
          // A member stage belongs to member development only.
          if (
            next.get('stage') &&
            next.get('workflowKind') &&
            next.get('workflowKind') !== 'MEMBER_DEVELOPMENT'
          )
            next.delete('stage');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, update, clear };
}
