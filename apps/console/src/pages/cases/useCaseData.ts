import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, unwrap } from '../../api/client';
import { type Pipeline } from '../../shared/cases';
import { orgUnitQuery } from '../../shared/orgUnits';
import {
  CADRE_STAGES,
  MEMBER_STAGES,
  RESERVE_STEPS,
  cadreStageName,
  caseStatusName,
  categoryName,
  memberStageName,
  postName,
  reserveStatusName,
  ruleSetName,
} from './caseLabels';

/** Every query of one case starts with this key: saving an action refreshes them all. */
export const caseKey = (pipeline: Pipeline, id: string) => ['case', pipeline, id] as const;

/** The case as its page heads it, the same for the three pipelines. */
export interface CaseSummary {
  readonly name: string;
  readonly unitId: string;
  /** Open (actions may follow) or ended. */
  readonly open: boolean;
  readonly statusText: string;
  /** The pipeline's stages and where the case stands in them (-1: before the first). */
  readonly stages: readonly string[];
  readonly current: number;
  readonly stageText: string;
  /** Further facts as label/value pairs (rule set, programme, post, category, dates). */
  readonly facts: readonly (readonly [string, string])[];
  readonly ruleSet?: '2014' | '2026.05';
}

async function memberSummary(id: string): Promise<CaseSummary> {
  const found = await unwrap(api.GET('/v1/member-cases/{id}', { params: { path: { id } } }));
  const open = found.status === 'OPEN';
  return {
    name: found.applicant.name,
    unitId: found.branchId,
    open,
    statusText: caseStatusName(found.status),
    stages: MEMBER_STAGES.map(([, name]) => name),
    current: MEMBER_STAGES.findIndex(([stage]) => stage === found.stage),
    stageText: `${memberStageName(found.stage)} · 第${found.currentStep}步`,
    facts: [
      ['适用细则', ruleSetName(found.ruleSet)],
      ['递交申请', found.applicationDate],
      ['身份证号', found.applicant.nationalIdMasked],
      ['出生日期', found.applicant.birthDate],
    ],
    ruleSet: found.ruleSet,
  };
}

async function cadreSummary(id: string): Promise<CaseSummary> {
  const snapshot = await unwrap(api.GET('/v1/cadre-cases/{id}', { params: { path: { id } } }));
  const view = snapshot.view;
  if (!view) throw new Error('案件尚在建立，请稍后刷新');
  // EXITED ends the case early: the stage bar stops where it left.
  const stages = CADRE_STAGES.filter(([stage]) => stage !== 'EXITED');
  return {
    name: view.person.name,
    unitId: view.villageId,
    open: view.status === 'OPEN',
    statusText: caseStatusName(view.status),
    stages: stages.map(([, name]) => name),
    current: stages.findIndex(([stage]) => stage === view.stage),
    stageText: cadreStageName(view.stage),
    facts: [
      ['招引计划', snapshot.programme.name],
      ['岗位', postName(view.post)],
      ['提名日期', view.nominatedOn],
      ['身份证号', view.person.nationalIdMasked],
      ...(view.outcome ? [['结果', view.outcome] as const] : []),
    ],
  };
}

async function reserveSummary(id: string): Promise<CaseSummary> {
  const snapshot = await unwrap(api.GET('/v1/reserve-pool/entries/{id}', { params: { path: { id } } }));
  const view = snapshot.view;
  if (!view) throw new Error('后备人选尚在建立，请稍后刷新');
  const entering = view.status === 'ENTERING';
  const open = entering || view.status === 'ACTIVE' || view.status === 'LISTED_FOR_INSPECTION';
  return {
    name: view.person.name,
    unitId: view.villageId,
    open,
    statusText: reserveStatusName(view.status),
    stages: [...RESERVE_STEPS.map(([, name]) => name), '在库'],
    // Once entered, the bar stands at 在库; before, at the last entry step passed.
    current: view.enteredOn
      ? RESERVE_STEPS.length
      : RESERVE_STEPS.findIndex(([step]) => step === view.entryStep),
    stageText: entering ? `入库程序 · ${reserveStatusName(view.status)}` : reserveStatusName(view.status),
    facts: [
      ['后备类别', categoryName(view.category)],
      ['推荐日期', view.recommendedOn],
      ...(view.enteredOn ? [['入库日期', view.enteredOn] as const] : []),
      ...(view.leftOn ? [['离库日期', view.leftOn] as const] : []),
      ...(view.inspectionPost ? [['拟任岗位', view.inspectionPost] as const] : []),
      ...(snapshot.ageOutOn ? [['超龄出库日', snapshot.ageOutOn] as const] : []),
    ],
  };
}

const SUMMARIES: Record<Pipeline, (id: string) => Promise<CaseSummary>> = {
  member: memberSummary,
  cadre: cadreSummary,
  reserve: reserveSummary,
};

export const caseSummaryQuery = (pipeline: Pipeline, id: string) =>
  queryOptions({ queryKey: [...caseKey(pipeline, id), 'summary'], queryFn: () => SUMMARIES[pipeline](id) });

export function useCaseSummary(pipeline: Pipeline, id: string) {
  return useQuery(caseSummaryQuery(pipeline, id));
}

/** The unit the case belongs to, with the units above it (its page names branch and village by them). */
export function useUnit(unitId: string | undefined) {
  return useQuery(orgUnitQuery(unitId));
}

export const availableActionsQuery = (pipeline: Pipeline, id: string) =>
  queryOptions({
    queryKey: [...caseKey(pipeline, id), 'actions'],
    queryFn: () => {
      const params = { params: { path: { id } } };
      if (pipeline === 'member') return unwrap(api.GET('/v1/member-cases/{id}/available-actions', params));
      if (pipeline === 'cadre') return unwrap(api.GET('/v1/cadre-cases/{id}/available-actions', params));
      return unwrap(api.GET('/v1/reserve-pool/entries/{id}/available-actions', params));
    },
  });

export function useAvailableActions(pipeline: Pipeline, id: string) {
  return useQuery(availableActionsQuery(pipeline, id));
}

export const planQuery = (pipeline: Pipeline, id: string) =>
  queryOptions({
    queryKey: [...caseKey(pipeline, id), 'plan'],
    queryFn: () => {
      const params = { params: { path: { id } } };
      if (pipeline === 'member') return unwrap(api.GET('/v1/member-cases/{id}/plan', params));
      if (pipeline === 'cadre') return unwrap(api.GET('/v1/cadre-cases/{id}/plan', params));
      return unwrap(api.GET('/v1/reserve-pool/entries/{id}/plan', params));
    },
  });

export function usePlan(pipeline: Pipeline, id: string) {
  return useQuery(planQuery(pipeline, id));
}

/** One dossier record as 全程纪实 lists it, the same for the three pipelines. */
export interface RecordRow {
  readonly id: string;
  readonly seq: number;
  readonly step: number | null;
  readonly action: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
  /** The acting body's id (member records) or its name (cadre and reserve records carry it in their data). */
  readonly actingBodyId: string | null;
  readonly actingBodyName: string | null;
  /** Who entered it: the recorder's name, else the token subject. */
  readonly who: string | null;
  readonly actingFor: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly evidence: readonly string[];
  readonly verified: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

function recordRow(record: {
  id: string;
  seq: number;
  action: string;
  occurredOn: string;
  recordedAt: string;
  actorId: string | null;
  data: Record<string, unknown>;
  verified: boolean;
  step?: number;
  actingBodyId?: string | null;
  evidence?: string[];
}): RecordRow {
  const { recordedBy, actingBody } = record.data;
  return {
    id: record.id,
    seq: record.seq,
    step: record.step ?? null,
    action: record.action,
    occurredOn: record.occurredOn,
    recordedAt: record.recordedAt,
    actingBodyId: record.actingBodyId ?? text(field(actingBody, 'id')),
    actingBodyName: text(field(actingBody, 'name')),
    who: text(field(recordedBy, 'name')) ?? record.actorId,
    actingFor: text(field(field(recordedBy, 'actingFor'), 'name')),
    data: record.data,
    evidence: record.evidence ?? [],
    verified: record.verified,
  };
}

/** 全程纪实: the records in order and the verdict on their hash chain. */
export const recordsQuery = (pipeline: Pipeline, id: string) =>
  queryOptions({
    queryKey: [...caseKey(pipeline, id), 'records'],
    queryFn: async () => {
      const params = { params: { path: { id } } };
      const chained =
        pipeline === 'member'
          ? await unwrap(api.GET('/v1/member-cases/{id}/timeline', params))
          : pipeline === 'cadre'
            ? await unwrap(api.GET('/v1/cadre-cases/{id}/records', params))
            : await unwrap(api.GET('/v1/reserve-pool/entries/{id}/records', params));
      return { records: chained.records.map(recordRow), chain: chained.chain };
    },
  });

export function useRecords(pipeline: Pipeline, id: string) {
  return useQuery(recordsQuery(pipeline, id));
}

/** The member case's approval tasks (open ones first); the other pipelines show the plan's open steps. */
export function useMemberTasks(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...caseKey('member', id), 'tasks'],
    queryFn: () => unwrap(api.GET('/v1/member-cases/{id}/tasks', { params: { path: { id } } })),
    enabled,
  });
}
