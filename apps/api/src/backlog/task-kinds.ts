import {
  CADRE_ACTION_ACTORS,
  CADRE_STAGE_NAMES,
  MEMBER_STAGE_NAMES,
  RESERVE_STAGE_NAMES,
  type Principal,
  RESERVE_ACTION_ACTORS,
  actionsForRoles,
  type VillageActor,
  memberRuleSet,
} from '@app/domain';
import { type BacklogItem, RESERVE_REVIEW_ACTION, type WorkflowKind } from '@app/persistence';

import { actionPaths } from '../action-route';
import { CADRE_ACTION_ROUTES } from '../cadre-cases/cadre-case.dto';
import { MEMBER_ACTION_ROUTES } from '../member-cases/actions/member-action-routes';
import { ACTION_PATHS } from '../member-cases/actions/member-case-actions.service';
import { RESERVE_ACTION_ROUTES } from '../reserve-pool/reserve-pool.dto';

/** Every action a task of each pipeline can await (the backlog's `action` filter takes any of them). */
export const TASK_ACTIONS: readonly string[] = [
  ...new Set([
    ...Object.keys(ACTION_PATHS),
    ...Object.keys(CADRE_ACTION_ACTORS),
    ...Object.keys(RESERVE_ACTION_ACTORS),
  ]),
];

/** Where each pipeline's cases are: `POST {collection}/{id}/<action path>` acts on one. */
export const CASE_COLLECTIONS: Readonly<Record<WorkflowKind, string>> = {
  MEMBER_DEVELOPMENT: '/v1/member-cases',
  CADRE_RECRUITMENT: '/v1/cadre-cases',
  RESERVE_POOL: '/v1/reserve-pool/entries',
};

const ACTION_PATHS_BY_KIND: Readonly<Record<WorkflowKind, Readonly<Record<string, string>>>> = {
  MEMBER_DEVELOPMENT: ACTION_PATHS,
  CADRE_RECRUITMENT: actionPaths(CADRE_ACTION_ROUTES),
  RESERVE_POOL: actionPaths(RESERVE_ACTION_ROUTES),
};

/**
 * Where to act on a case or a task: POST this path with the action's body. A half-year review decision
 * (`ref`: the review) is taken at its review.
 */
export function actionEndpoint(
  kind: WorkflowKind,
  caseId: string,
  action: string,
  ref?: string | null,
): string {
  if (kind === 'RESERVE_POOL' && action === RESERVE_REVIEW_ACTION)
    return `/v1/reserve-pool/reviews/${ref}/decisions`;
  return `${CASE_COLLECTIONS[kind]}/${caseId}/${ACTION_PATHS_BY_KIND[kind][action]}`;
}

const ACTION_NAMES: Readonly<Record<WorkflowKind, Readonly<Record<string, string>>>> = {
  MEMBER_DEVELOPMENT: namesOf(MEMBER_ACTION_ROUTES),
  CADRE_RECRUITMENT: namesOf(CADRE_ACTION_ROUTES),
  RESERVE_POOL: { ...namesOf(RESERVE_ACTION_ROUTES), [RESERVE_REVIEW_ACTION]: '分析研判决定' },
};

function namesOf(routes: Readonly<Record<string, { readonly name: string }>>): Record<string, string> {
  return Object.fromEntries(Object.entries(routes).map(([action, route]) => [action, route.name]));
}

const STAGE_NAMES: Readonly<Record<WorkflowKind, Readonly<Record<string, string>>>> = {
  MEMBER_DEVELOPMENT: MEMBER_STAGE_NAMES,
  CADRE_RECRUITMENT: CADRE_STAGE_NAMES,
  RESERVE_POOL: RESERVE_STAGE_NAMES,
};

/** A task's action and its case's stage as organizers name them (the code itself where a name is missing). */
export function taskNames(item: Pick<BacklogItem, 'workflowKind' | 'action' | 'candidate'>): {
  readonly actionName: string;
  readonly stageName: string;
} {
  const kind = item.workflowKind as WorkflowKind;
  return {
    actionName: ACTION_NAMES[kind]?.[item.action] ?? item.action,
    stageName: STAGE_NAMES[kind]?.[item.candidate.stage] ?? item.candidate.stage,
  };
}

/** Where to act on a task of the backlog. */
export function taskEndpoint(item: Pick<BacklogItem, 'workflowKind' | 'caseId' | 'action' | 'ref'>): string {
  return actionEndpoint(item.workflowKind as WorkflowKind, item.caseId, item.action, item.ref);
}

/**
 * The actions each pipeline lets the caller take at their own unit: member steps by role (2014 and 2026 give
 * the same steps to the same actors); cadre and reserve steps by the township committee's organiser or
 * secretary, and by the county org department's officers (DOMAIN §2.1, §3).
 */
export function inboxActions(principal: Principal): Record<WorkflowKind, string[]> {
  const unit = principal.orgUnit;
  const township =
    unit.kind === 'TOWNSHIP_COMMITTEE' &&
    principal.roles.some((role) => role === 'ORGANISER' || role === 'SECRETARY');
  const county = unit.kind === 'ORG_DEPARTMENT' && principal.roles.includes('ORG_DEPARTMENT_OFFICER');
  const allowed = (actor: VillageActor) =>
    actor === 'TOWNSHIP_OR_COUNTY'
      ? township || county
      : actor === 'COUNTY_DEPARTMENT'
        ? county
        : actor === 'TOWNSHIP' && township;
  const pick = (actors: Readonly<Record<string, VillageActor>>) =>
    Object.entries(actors)
      .filter(([, actor]) => allowed(actor))
      .map(([action]) => action);
  return {
    MEMBER_DEVELOPMENT: [
      ...new Set([
        ...actionsForRoles(principal.roles, memberRuleSet('2026.05')),
        ...actionsForRoles(principal.roles, memberRuleSet('2014')),
      ]),
    ],
    CADRE_RECRUITMENT: pick(CADRE_ACTION_ACTORS),
    RESERVE_POOL: pick(RESERVE_ACTION_ACTORS),
  };
}
