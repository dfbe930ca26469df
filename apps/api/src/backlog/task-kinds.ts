import {
  CADRE_ACTION_ACTORS,
  type MemberActionType,
  type Principal,
  RESERVE_ACTION_ACTORS,
  actionsForRoles,
  memberRuleSet,
} from '@app/domain';
import { type BacklogItem, type WorkflowKind } from '@app/persistence';

import { CADRE_ACTION_ROUTES } from '../cadre-cases/cadre-case.dto';
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

/** Where to act on a task: POST this path with the action's body. */
export function taskEndpoint(item: Pick<BacklogItem, 'workflowKind' | 'caseId' | 'action' | 'ref'>): string {
  switch (item.workflowKind as WorkflowKind) {
    case 'CADRE_RECRUITMENT':
      return `/v1/cadre-cases/${item.caseId}/${CADRE_ACTION_ROUTES[item.action as keyof typeof CADRE_ACTION_ROUTES].path}`;
    case 'RESERVE_POOL':
      return item.action === 'DECIDE_REVIEW'
        ? `/v1/reserve-pool/reviews/${item.ref}/decisions`
        : `/v1/reserve-pool/entries/${item.caseId}/${RESERVE_ACTION_ROUTES[item.action as keyof typeof RESERVE_ACTION_ROUTES].path}`;
    default:
      return `/v1/member-cases/${item.caseId}/${ACTION_PATHS[item.action as MemberActionType]}`;
  }
}

type PipelineActor = 'TOWNSHIP' | 'COUNTY_DEPARTMENT' | 'TOWNSHIP_OR_COUNTY' | 'NOMINATOR';

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
  const allowed = (actor: PipelineActor) =>
    actor === 'TOWNSHIP_OR_COUNTY'
      ? township || county
      : actor === 'COUNTY_DEPARTMENT'
        ? county
        : actor === 'TOWNSHIP' && township;
  const pick = (actors: Readonly<Record<string, PipelineActor>>) =>
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
