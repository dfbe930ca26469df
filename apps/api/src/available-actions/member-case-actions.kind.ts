import { Injectable } from '@nestjs/common';

import {
  ACTION_STEP,
  CHINA_WORKING_DAYS,
  LOCAL_OVERLAYS,
  type LocalDate,
  type MemberActionType,
  type Principal,
  type RuleSetId,
  actionViolation,
  actorsOfAction,
  applyOverlays,
  caseParties,
  memberCaseMachine,
  memberRuleSet,
  reviewedSoFar,
} from '@app/domain';

import { actionEndpoint } from '../backlog/task-kinds';
import { MEMBER_ACTION_ROUTES } from '../member-cases/actions/member-action-routes';
import { MemberCaseActionsService } from '../member-cases/actions/member-case-actions.service';
import {
  type ActionTarget,
  type CaseActions,
  type CaseKindActions,
  noticeEnd,
} from './available-actions.service';

/** Fields of a member action's example body that a bare schema cannot give. */
const EXAMPLES: Partial<Record<MemberActionType, (date: LocalDate) => Record<string, unknown>>> = {
  START_NOTICE: (date) => ({ end: noticeEnd(date, 5) }),
  START_LOCAL_NOTICE: (date) => ({ end: noticeEnd(date, 5) }),
  CLOSE_NOTICE: () => ({ affectsEligibility: false }),
  CLOSE_LOCAL_NOTICE: () => ({ affectsEligibility: false }),
  RECORD_TRAINING: () => ({ days: 3, classHours: 24 }),
};

/** A member case's actions: the case's own rules (rule set and pinned overlays) say who acts on each step. */
@Injectable()
export class MemberCaseActionsKind implements CaseKindActions<MemberActionType> {
  constructor(private readonly cases: MemberCaseActionsService) {}

  async read(principal: Principal, caseId: string, today: LocalDate): Promise<CaseActions<MemberActionType>> {
    const snapshot = await this.cases.readableCase(principal, caseId);
    const state = snapshot.state!;
    const pinned = snapshot.overlays.flatMap(
      (id) => LOCAL_OVERLAYS.find((entry) => entry.overlay.id === id)?.overlay ?? [],
    );
    const rules = applyOverlays(memberRuleSet(snapshot.ruleSet as RuleSetId), pinned);
    const definition = (type: MemberActionType) => rules.steps[ACTION_STEP[type] - 1];
    const parties = caseParties(state);
    return {
      subject: { kind: 'MEMBER_DEVELOPMENT', id: caseId, unitId: state.branch.id, ruleSet: rules.id },
      // As the workflow watches them (it knows when the approving committee received the resolution: T8, T12).
      deadlines: snapshot.deadlines.map((deadline) => ({
        ...deadline,
        article: memberCaseMachine.deadlineArticle(deadline.kind, {
          rules,
          calendar: CHINA_WORKING_DAYS,
          today,
        }),
      })),
      available: memberCaseMachine.availableActions(
        state,
        { rules, calendar: CHINA_WORKING_DAYS, today },
        today,
      ),
      target: (type): ActionTarget[] => {
        const route = MEMBER_ACTION_ROUTES[type];
        const reviewing = type === 'REVIEW_BY_BODY';
        return [
          {
            name: route.name,
            step: ACTION_STEP[type],
            endpoint: actionEndpoint('MEMBER_DEVELOPMENT', caseId, type),
            operationId: route.operationId,
            actors: [reviewing ? 'REVIEWING_BODY' : (definition(type)?.actor ?? 'ANY_AUTHORISED')],
            doneBy: reviewing ? reviewedSoFar(state) : [],
          },
        ];
      },
      example: (type, date, units) => ({
        ...(units[0] ? { actingBody: units[0].code } : {}),
        ...EXAMPLES[type]?.(date),
      }),
      yours: (type, units) =>
        units.some(
          (unit) => !actionViolation(principal, actorsOfAction(type, rules), unit, state.branch, parties),
        ),
      // What the endpoint answered before the common fields came.
      extra: (type, units) => ({
        type,
        stepName: definition(type)?.name ?? null,
        actor: definition(type)?.actor ?? 'ANY_AUTHORISED',
        path: MEMBER_ACTION_ROUTES[type].path,
        actingBodies: units.map(({ id, code, name }) => ({ id, code, name })),
      }),
    };
  }
}
