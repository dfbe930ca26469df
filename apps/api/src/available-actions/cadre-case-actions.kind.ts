import { Injectable } from '@nestjs/common';

import {
  CADRE_ACTION_ACTORS,
  CHINA_WORKING_DAYS,
  type CadreActionType,
  type CadreProgramme,
  type LocalDate,
  type Principal,
  addDays,
  cadreCaseMachine,
  cadreProgramme,
  jointReviewState,
  cadreActionViolation,
} from '@app/domain';

import { actionEndpoint } from '../backlog/task-kinds';
import { CADRE_ACTION_ROUTES } from '../cadre-cases/cadre-case.dto';
import { CadreCasesService } from '../cadre-cases/cadre-cases.service';
import { type CaseActions, type CaseKindActions, noticeEnd } from './available-actions.service';

/** P-numbers of the recruitment steps (DOMAIN §2.1); withdrawing is no step of its own. */
const CADRE_STEPS: Record<CadreActionType, number> = {
  REVIEW_QUALIFICATION: 2,
  OPEN_JOINT_REVIEW: 3,
  RECORD_DEPARTMENT_OPINION: 3,
  RESOLVE_CONCERNS: 3,
  RECORD_ASSESSMENT: 4,
  DECIDE: 5,
  START_NOTICE: 6,
  RECORD_OBJECTION: 6,
  CLOSE_NOTICE: 6,
  APPOINT: 7,
  RECORD_ELECTION: 7,
  REVIEW_TRIAL: 8,
  WITHDRAW: 0,
  FILE_WITH_COUNTY: 9,
};

const termEnd = (date: LocalDate) => addDays(date, 3 * 365);
const unanimous = { members: 9, present: 9, yes: 9 };

/** Fields of a cadre action's example body that the case and its programme decide. */
const EXAMPLES: Partial<
  Record<CadreActionType, (date: LocalDate, programme: CadreProgramme, village: string) => object>
> = {
  REVIEW_QUALIFICATION: (_, { criteria, sources }, village) => ({
    education: criteria.minEducation,
    // A full member qualifies for every post (a party post needs one).
    politicalStatus: 'FULL_MEMBER',
    source: sources[0],
    householdVillage: village,
    residenceVillage: village,
  }),
  RECORD_DEPARTMENT_OPINION: () => ({ result: 'PASS', note: '' }),
  RESOLVE_CONCERNS: () => ({ affectsEligibility: false }),
  RECORD_ASSESSMENT: () => ({ evaluation: { participants: 30, favourable: 27 }, interviewScore: 85 }),
  DECIDE: () => ({ approved: true, committeeVote: unanimous }),
  START_NOTICE: (date, { noticeWorkingDays }) => ({ end: noticeEnd(date, noticeWorkingDays) }),
  APPOINT: (date) => ({ termEnd: termEnd(date) }),
  RECORD_ELECTION: (date) => ({
    termEnd: termEnd(date),
    votes: { eligible: 100, cast: 90, forCandidate: 80 },
  }),
  REVIEW_TRIAL: () => ({ outcome: 'PASS' }),
};

/** A recruitment case's actions: the township committee above the village acts, the county department answers. */
@Injectable()
export class CadreCaseActionsKind implements CaseKindActions<CadreActionType> {
  constructor(private readonly cases: CadreCasesService) {}

  async read(principal: Principal, caseId: string, today: LocalDate): Promise<CaseActions<CadreActionType>> {
    const { snapshot, village } = await this.cases.readable(principal, caseId);
    const state = snapshot.state!;
    const programme = cadreProgramme(snapshot.programme.id);
    if (!programme) throw new Error(`cadre case ${caseId}: no programme ${snapshot.programme.id}`);
    const ctx = { programme, calendar: CHINA_WORKING_DAYS };
    return {
      subject: { kind: 'CADRE_RECRUITMENT', id: caseId, unitId: state.villageId },
      available: cadreCaseMachine.availableActions(state, ctx, today),
      // The dates the workflow watches: the joint review's answers and the trial's end (warnings, not caps).
      deadlines: snapshot.deadlines.map(({ kind, due }) => ({
        kind,
        due,
        hard: false,
        article: cadreCaseMachine.deadlineArticle(kind, ctx),
      })),
      target: (type) => {
        const { name, operationId } = CADRE_ACTION_ROUTES[type];
        const actor = CADRE_ACTION_ACTORS[type];
        return [
          {
            name,
            step: CADRE_STEPS[type],
            endpoint: actionEndpoint('CADRE_RECRUITMENT', caseId, type),
            operationId,
            actors: actor === 'TOWNSHIP_OR_COUNTY' ? ['TOWNSHIP', 'COUNTY_DEPARTMENT'] : [actor],
          },
        ];
      },
      yours: (type) => !cadreActionViolation(principal, CADRE_ACTION_ACTORS[type], village),
      example: (type, date) => ({
        ...(type === 'RECORD_DEPARTMENT_OPINION'
          ? { department: jointReviewState(state, programme).pending[0] }
          : {}),
        ...EXAMPLES[type]?.(date, programme, state.villageId),
      }),
    };
  }
}
