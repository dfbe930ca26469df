import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { type Schemas, api, unwrap } from '../../api/client';
import { type Pipeline } from '../../shared/cases';
import {
  CADRE_STAGES,
  CASE_STATUSES,
  MEMBER_STAGES,
  POSTS,
  PROGRAMMES,
  RESERVE_CATEGORIES,
  RESERVE_STATUSES,
  RESERVE_STEPS,
  RULE_SETS,
} from './caseLabels';

export type MemberRow = Schemas['MemberCaseListItemResponse'];
export type CadreRow = Schemas['CadreCaseListItemResponse'];
export type ReserveRow = Schemas['ReserveEntryListItemResponse'];

/** A choice filter of a pipeline's search: the body field it sets and its values with their names. */
export interface ChoiceFilter {
  readonly key: string;
  readonly label: string;
  readonly options: readonly (readonly [string, string])[];
}

/** The choice filters each search endpoint offers (its body fields), besides name, unit, overdue and dates. */
export const CHOICES: Record<Pipeline, readonly ChoiceFilter[]> = {
  member: [
    { key: 'stage', label: '阶段', options: MEMBER_STAGES },
    { key: 'status', label: '状态', options: CASE_STATUSES },
    { key: 'ruleSet', label: '细则', options: RULE_SETS },
  ],
  cadre: [
    { key: 'stage', label: '阶段', options: CADRE_STAGES },
    { key: 'status', label: '状态', options: CASE_STATUSES },
    { key: 'programme', label: '计划', options: PROGRAMMES },
    { key: 'post', label: '岗位', options: POSTS },
  ],
  reserve: [
    { key: 'status', label: '状态', options: RESERVE_STATUSES },
    { key: 'entryStep', label: '入库程序', options: RESERVE_STEPS },
    { key: 'category', label: '类别', options: RESERVE_CATEGORIES },
  ],
};

/** The date each pipeline's cases are filed by (its range filter and sort key). */
export const DATES: Record<
  Pipeline,
  { readonly from: string; readonly to: string; readonly sort: string; readonly label: string }
> = {
  member: { from: 'appliedFrom', to: 'appliedTo', sort: 'applicationDate', label: '申请日期' },
  cadre: { from: 'nominatedFrom', to: 'nominatedTo', sort: 'nominatedOn', label: '提名日期' },
  reserve: { from: 'recommendedFrom', to: 'recommendedTo', sort: 'recommendedOn', label: '推荐日期' },
};

/** URL parameters of the list (bookmarkable); the national ID is never one of them (URLs reach access logs). */
export const URL_KEYS = ['name', 'orgUnit', 'overdue', 'sort', 'order'] as const;

export function urlKeysOf(pipeline: Pipeline): string[] {
  const dates = DATES[pipeline];
  return [...URL_KEYS, ...CHOICES[pipeline].map((choice) => choice.key), dates.from, dates.to];
}

export const NATIONAL_ID = /^\d{17}[\dXx]$/;

/** The search body from the URL's filters (and a national ID typed into the box). */
export function searchBody(
  pipeline: Pipeline,
  params: URLSearchParams,
  nationalId: string | null,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of urlKeysOf(pipeline)) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    body[key] = key === 'overdue' ? value === 'true' : value;
  }
  if (nationalId) {
    delete body.name;
    body.nationalId = nationalId.toUpperCase();
  }
  return body;
}

const PAGE = 30;

async function page(pipeline: Pipeline, body: Record<string, unknown>, cursor: string | null) {
  const request = { ...body, limit: PAGE, ...(cursor ? { cursor } : {}) };
  // The bodies come from the URL: the API validates them (a 400 names the field) as it does any caller's.
  if (pipeline === 'member') {
    const found = await unwrap(
      api.POST('/v1/member-cases/search', { body: request as Schemas['MemberCaseSearchDto'] }),
    );
    return { pipeline, items: found.items, nextCursor: found.nextCursor } as const;
  }
  if (pipeline === 'cadre') {
    const found = await unwrap(
      api.POST('/v1/cadre-cases/search', { body: request as Schemas['CadreCaseSearchDto'] }),
    );
    return { pipeline, items: found.items, nextCursor: found.nextCursor } as const;
  }
  const found = await unwrap(
    api.POST('/v1/reserve-pool/entries/search', { body: request as Schemas['ReserveEntrySearchDto'] }),
  );
  return { pipeline, items: found.items, nextCursor: found.nextCursor } as const;
}

export type SearchPage = Awaited<ReturnType<typeof page>>;

/** One pipeline's search, page by page (keyset: each page's nextCursor asks for the next). */
export const caseSearchQuery = (pipeline: Pipeline, body: Record<string, unknown>) =>
  infiniteQueryOptions({
    queryKey: ['case-search', pipeline, body],
    queryFn: ({ pageParam }) => page(pipeline, body, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useCaseSearch(pipeline: Pipeline, body: Record<string, unknown>) {
  return useInfiniteQuery(caseSearchQuery(pipeline, body));
}
