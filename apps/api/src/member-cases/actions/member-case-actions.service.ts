import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';

import { AccessService } from '@app/auth';
import { ProblemError } from '@app/config';
import { type MemberCaseView, type VerifiedRecords } from '@app/contracts';
import {
  type ApprovalRoute,
  type LocalDate,
  type MemberAction,
  type MemberActionType,
  type MemberStanding,
  type OrgUnit,
  type Principal,
  type RuleSetId,
  type StepActor,
  actionViolation,
  actorsOfAction,
  caseParties,
  recordedBy,
  memberRuleSet,
  parseLocalDate,
  readViolation,
  routeApproval,
  violation,
} from '@app/domain';
import {
  type ApprovalTaskView,
  ApprovalTasksRepository,
  type DossierEntry,
  MemberCasesRepository,
  OrgUnitsRepository,
  PartyMembershipsRepository,
} from '@app/persistence';
import { memberCaseWorkflowId } from '@app/temporal';
import {
  type AvailableAction,
  type MemberDevelopmentSnapshot,
  availableActionsQuery,
  caseStateQuery,
  recordActionUpdate,
} from '@app/workflows';
import { ruleViolationsFrom } from '@app/workflows/shared/rule-violation-failure';

import { IdempotencyService } from '../../idempotency/idempotency.service';
import { requireOrgUnit } from '../../org-unit-reference';
import { recordingProblem } from '../../recording-problem';
import type * as Dto from './member-action.dto';

/** The path segment of each action's endpoint: POST /v1/member-cases/{id}/<path>. */
export const ACTION_PATHS: Record<MemberActionType, string> = {
  RECORD_TALK: 'talk',
  DETERMINE_ACTIVIST: 'activist',
  FILE_ACTIVIST: 'activist-filing',
  ASSIGN_CONTACTS: 'cultivation-contacts',
  RECORD_ACTIVIST_VETTING: 'activist-vettings',
  PROPOSE_DEVELOPMENT_TARGET: 'development-target-proposal',
  HIGHER_COMMITTEE_DECISION: 'development-target-decision',
  START_NOTICE: 'development-target-notice',
  RECORD_OBJECTION: 'development-target-notice/objections',
  CLOSE_NOTICE: 'development-target-notice/close',
  START_LOCAL_NOTICE: 'local-notices',
  CLOSE_LOCAL_NOTICE: 'local-notices/close',
  DESIGNATE_SPONSORS: 'sponsors',
  RECORD_POLITICAL_REVIEW: 'political-review',
  RECORD_TRAINING: 'training',
  COMMITTEE_REVIEW: 'committee-review',
  PRE_REVIEW: 'pre-review',
  FILL_APPLICATION_FORM: 'application-form',
  BRANCH_MEETING_ACCEPTANCE: 'acceptance-meeting',
  REVIEW_BY_BODY: 'reviews',
  COMMITTEE_INTERVIEW: 'committee-interview',
  APPROVE_ACCEPTANCE: 'acceptance-approval',
  FILE_WITH_ORG_DEPARTMENT: 'acceptance-filing',
  ASSIGN_TO_GROUP: 'party-group',
  RECORD_OATH: 'oath',
  RECORD_PROBATION_VETTING: 'probation-vettings',
  APPLY_FOR_CONVERSION: 'conversion-application',
  CONVERSION_MEETING: 'conversion-meeting',
  APPROVE_CONVERSION: 'conversion-approval',
  ARCHIVE: 'archive',
  WITHDRAW: 'withdrawal',
  TRANSFER: 'transfer',
  REFUSE_RECOGNITION: 'recognition-refusal',
};

export interface AvailableActionView extends AvailableAction {
  readonly path: string;
  /** The org units that may take the action (the branch, the approving committee, the reviewing bodies…). */
  readonly actingBodies: readonly { readonly id: string; readonly code: string; readonly name: string }[];
  /** Whether the caller may take it now (their role, as their own org unit, no conflict of interest). */
  readonly yours: boolean;
}

@Injectable()
export class MemberCaseActionsService {
  constructor(
    private readonly temporal: Client,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly memberships: PartyMembershipsRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly tasks: ApprovalTasksRepository,
    private readonly access: AccessService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The case's workflow state, once the caller is known to be allowed to read the case (else 403). */
  async readableCase(principal: Principal, caseId: string): Promise<MemberDevelopmentSnapshot> {
    const snapshot = await this.snapshot(caseId);
    if (!snapshot.state) throw notFound(caseId);
    this.access.assertCanReadCase(principal, snapshot.state.branch, caseParties(snapshot.state));
    return snapshot;
  }

  /** What the case waits for, from which org unit, by when (open first, soonest due first). */
  async caseTasks(principal: Principal, caseId: string): Promise<ApprovalTaskView[]> {
    await this.readableCase(principal, caseId);
    return this.tasks.forCase('MEMBER_DEVELOPMENT', caseId);
  }

  /** Whether the caller may read the case (no refusal logged: for deciding what a conflict may name). */
  async mayRead(principal: Principal, caseId: string): Promise<boolean> {
    const { state } = await this.snapshot(caseId);
    return state !== undefined && !readViolation(principal, state.branch, caseParties(state));
  }

  /**
   * Resolves the facts the rules need, then submits the action to the case's workflow. With an
   * Idempotency-Key (see IdempotencyService) a retried request is answered with the case, not recorded twice
   * (Temporal update ids, remembered by the workflow across continue-as-new).
   */
  async record(
    principal: Principal,
    caseId: string,
    type: MemberActionType,
    dto: Dto.MemberActionDto,
    idempotencyKey?: string,
  ): Promise<MemberCaseView> {
    const action = await this.checkedAction(principal, caseId, type, dto);
    return this.idempotency.run(
      principal,
      idempotencyKey,
      {
        endpoint: `POST /v1/member-cases/{id}/${ACTION_PATHS[type]}`,
        request: { caseId, body: dto },
        resourceId: () => caseId,
      },
      (token) => this.submit(caseId, action, token?.updateId(type)),
    );
  }

  /** One item of a bulk call, checked like its own endpoint; the batch's claimed key gives its update id. */
  async recordInBatch(
    principal: Principal,
    caseId: string,
    type: MemberActionType,
    dto: Dto.MemberActionDto,
    updateId: string,
  ): Promise<MemberCaseView> {
    const action = await this.checkedAction(principal, caseId, type, dto);
    return this.submit(caseId, action, updateId);
  }

  private async checkedAction(
    principal: Principal,
    caseId: string,
    type: MemberActionType,
    dto: Dto.MemberActionDto,
  ): Promise<MemberAction> {
    const snapshot = await this.readableCase(principal, caseId);
    const state = snapshot.state!;
    const actingBody = await requireOrgUnit(this.orgUnits, dto.actingBody, 'actingBody');
    const ruleSet = snapshot.ruleSet as RuleSetId;
    this.access.assertCanAct(
      principal,
      actorsOfAction(type, memberRuleSet(ruleSet)),
      actingBody,
      state.branch,
      caseParties(state),
    );
    if (snapshot.status !== 'OPEN') {
      throw new ProblemError(409, 'CASE_NOT_OPEN', '案件不在办理中', `case ${caseId} is ${snapshot.status}`);
    }
    return {
      ...(await this.build(type, dto, actingBody, state.branch, ruleSet)),
      recordedBy: recordedBy(principal),
    };
  }

  private async submit(
    caseId: string,
    action: MemberAction,
    updateId: string | undefined,
  ): Promise<MemberCaseView> {
    try {
      return await this.temporal.workflow
        .getHandle(memberCaseWorkflowId(caseId))
        .executeUpdate(recordActionUpdate, { args: [action], ...(updateId ? { updateId } : {}) });
    } catch (error) {
      const violations = ruleViolationsFrom(error);
      if (violations.length > 0) {
        throw ProblemError.fromViolations(
          'MEMBER_DEVELOPMENT',
          violations,
          violations[0]!.code === 'CASE_CLOSED' ? 409 : 422,
        );
      }
      throw recordingProblem(error) ?? error;
    }
  }

  async state(principal: Principal, caseId: string): Promise<MemberDevelopmentSnapshot> {
    return this.readableCase(principal, caseId);
  }

  /** The 全程纪实 from the database, with the hash chain verified: each record marked, every break named. */
  async timeline(principal: Principal, caseId: string): Promise<VerifiedRecords<DossierEntry>> {
    await this.readableCase(principal, caseId);
    const dossier = await this.memberCases.dossier(caseId);
    // No case row and no records (its first step not recorded yet); a case whose records are gone says so.
    if (dossier.records.length === 0 && dossier.chain.valid) throw notFound(caseId);
    return dossier;
  }

  /** What can be done now, by which org units, at which endpoint. */
  async availableActions(principal: Principal, caseId: string): Promise<AvailableActionView[]> {
    const snapshot = await this.readableCase(principal, caseId);
    const state = snapshot.state!;
    const available = await this.temporal.workflow
      .getHandle(memberCaseWorkflowId(caseId))
      .query(availableActionsQuery);
    const ancestry = await this.orgUnits.ancestry(state.branch.id);
    const routed = routeApproval(memberRuleSet(snapshot.ruleSet as RuleSetId), ancestry);
    const route = 'route' in routed ? routed.route : undefined;
    const departments = route ? await this.orgUnits.departmentsUnder(ancestry.map((unit) => unit.id)) : [];
    const bodiesFor = (actor: StepActor | 'ANY_AUTHORISED'): OrgUnit[] => {
      switch (actor) {
        case 'APPROVING_COMMITTEE':
        case 'TRAINING_BODY':
          return route ? [route.approver] : [];
        case 'REVIEWING_BODY':
          return route ? [...route.reviewers] : [];
        case 'ORG_DEPARTMENT':
          return departments.slice(0, 1);
        default:
          return [state.branch];
      }
    };
    const rules = memberRuleSet(snapshot.ruleSet as RuleSetId);
    const parties = caseParties(state);
    return available.map((action) => {
      const bodies = bodiesFor(action.type === 'REVIEW_BY_BODY' ? 'REVIEWING_BODY' : action.actor);
      const actors = actorsOfAction(action.type, rules);
      return {
        ...action,
        path: ACTION_PATHS[action.type],
        actingBodies: bodies.map(({ id, code, name }) => ({ id, code, name })),
        yours: bodies.some((body) => !actionViolation(principal, actors, body, state.branch, parties)),
      };
    });
  }

  private async snapshot(caseId: string): Promise<MemberDevelopmentSnapshot> {
    try {
      return await this.temporal.workflow.getHandle(memberCaseWorkflowId(caseId)).query(caseStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound(caseId);
      throw error;
    }
  }

  private async route(branch: OrgUnit, ruleSet: RuleSetId): Promise<ApprovalRoute> {
    const routed = routeApproval(memberRuleSet(ruleSet), await this.orgUnits.ancestry(branch.id));
    if ('violation' in routed) throw ProblemError.fromViolations('MEMBER_DEVELOPMENT', [routed.violation]);
    return routed.route;
  }

  private async standings(personIds: readonly string[], field: string): Promise<MemberStanding[]> {
    const standings = await this.memberships.standings(personIds);
    const unknown = personIds.filter((id) => !standings.some((standing) => standing.personId === id));
    if (unknown.length > 0)
      throw ProblemError.fromViolations('MEMBER_DEVELOPMENT', [
        violation('PERSON_UNKNOWN', null, `${field}: 人员 ${unknown.join(', ')} 不存在`),
      ]);
    return standings;
  }

  private async build(
    type: MemberActionType,
    dto: Dto.MemberActionDto,
    actingBody: OrgUnit,
    branch: OrgUnit,
    ruleSet: RuleSetId,
  ): Promise<MemberAction> {
    const base = {
      date: date(dto.date, 'date'),
      actingBody,
      ...(dto.evidence ? { evidence: dto.evidence } : {}),
    };
    const route = () => this.route(branch, ruleSet);
    /** What every committee decision carries (steps 17 and 24). */
    const approval = async () => {
      const { resolutionReceived, approved, committeeVote } = dto as Dto.ApprovalDto;
      return {
        route: await route(),
        resolutionReceived: date(resolutionReceived, 'resolutionReceived'),
        approved,
        committeeVote: { ...committeeVote },
      };
    };
    switch (type) {
      case 'RECORD_TALK': {
        const { talker, summary } = dto as Dto.RecordTalkDto;
        return { type, ...base, talker, summary };
      }
      case 'DETERMINE_ACTIVIST':
        return { type, ...base, recommendation: (dto as Dto.DetermineActivistDto).recommendation };
      case 'ASSIGN_CONTACTS':
        return {
          type,
          ...base,
          contacts: await this.standings((dto as Dto.AssignContactsDto).contactIds, 'contactIds'),
        };
      case 'RECORD_ACTIVIST_VETTING':
      case 'RECORD_PROBATION_VETTING':
        return { type, ...base, summary: (dto as Dto.SummaryDto).summary };
      case 'PROPOSE_DEVELOPMENT_TARGET':
        return { type, ...base, opinionsHeard: (dto as Dto.ProposeDevelopmentTargetDto).opinionsHeard };
      case 'HIGHER_COMMITTEE_DECISION': {
        const { consent, reason } = dto as Dto.HigherCommitteeDecisionDto;
        return { type, ...base, route: await route(), consent, ...(reason ? { reason } : {}) };
      }
      case 'START_NOTICE': {
        const { end, scope } = dto as Dto.StartNoticeDto;
        return { type, ...base, end: date(end, 'end'), scope };
      }
      case 'RECORD_OBJECTION': {
        const { objection, notice } = dto as Dto.RecordObjectionDto;
        return { type, ...base, objection, ...(notice ? { notice } : {}) };
      }
      case 'START_LOCAL_NOTICE': {
        const { notice, end, scope } = dto as Dto.StartLocalNoticeDto;
        return { type, ...base, notice, end: date(end, 'end'), scope };
      }
      case 'CLOSE_LOCAL_NOTICE': {
        const { notice, affectsEligibility, finding } = dto as Dto.CloseLocalNoticeDto;
        return { type, ...base, notice, affectsEligibility, finding };
      }
      case 'CLOSE_NOTICE': {
        const { affectsEligibility, finding } = dto as Dto.CloseNoticeDto;
        return { type, ...base, affectsEligibility, finding };
      }
      case 'DESIGNATE_SPONSORS':
        return {
          type,
          ...base,
          sponsors: await this.standings((dto as Dto.DesignateSponsorsDto).sponsorIds, 'sponsorIds'),
        };
      case 'RECORD_POLITICAL_REVIEW': {
        const { passed, conclusionRef } = dto as Dto.PoliticalReviewDto;
        return { type, ...base, passed, conclusionRef };
      }
      case 'RECORD_TRAINING': {
        const { days, classHours, exception } = dto as Dto.TrainingDto;
        return {
          type,
          ...base,
          training: { days, classHours, ...(exception ? { exception: { ...exception } } : {}) },
        };
      }
      case 'COMMITTEE_REVIEW': {
        const { passed, opinion } = dto as Dto.CommitteeReviewDto;
        return { type, ...base, passed, opinion };
      }
      case 'PRE_REVIEW': {
        const { passed, expectedDeparture, departureJustification } = dto as Dto.PreReviewDto;
        return {
          type,
          ...base,
          route: await route(),
          passed,
          expectedDeparture: expectedDeparture ? date(expectedDeparture, 'expectedDeparture') : null,
          ...(departureJustification ? { departureJustification } : {}),
        };
      }
      case 'FILL_APPLICATION_FORM':
        return { type, ...base, formNumber: (dto as Dto.ApplicationFormDto).formNumber };
      case 'BRANCH_MEETING_ACCEPTANCE':
        return { type, ...base, vote: { ...(dto as Dto.AcceptanceMeetingDto).vote } };
      case 'REVIEW_BY_BODY':
        return { type, ...base, route: await route(), opinion: (dto as Dto.OpinionDto).opinion };
      case 'COMMITTEE_INTERVIEW':
        return { type, ...base, interviewer: (dto as Dto.CommitteeInterviewDto).interviewer };
      case 'APPROVE_ACCEPTANCE': {
        const { specialCaseReason } = dto as Dto.AcceptanceApprovalDto;
        return { type, ...base, ...(await approval()), ...(specialCaseReason ? { specialCaseReason } : {}) };
      }
      case 'ASSIGN_TO_GROUP':
        return { type, ...base, partyGroup: (dto as Dto.PartyGroupDto).partyGroup };
      case 'CONVERSION_MEETING': {
        const { vote, proposal, extensionMonths } = dto as Dto.ConversionMeetingDto;
        return {
          type,
          ...base,
          vote: { ...vote },
          proposal,
          ...(extensionMonths !== undefined ? { extensionMonths } : {}),
        };
      }
      case 'APPROVE_CONVERSION':
        return { type, ...base, ...(await approval()) };
      case 'ARCHIVE':
        return { type, ...base, documents: (dto as Dto.ArchiveDto).documents };
      case 'WITHDRAW':
      case 'REFUSE_RECOGNITION':
        return { type, ...base, reason: (dto as Dto.ReasonDto).reason };
      case 'TRANSFER': {
        const { toBranch, materialsRef } = dto as Dto.TransferDto;
        return {
          type,
          ...base,
          toBranch: await requireOrgUnit(this.orgUnits, toBranch, 'toBranch'),
          materialsRef,
        };
      }
      case 'FILE_ACTIVIST':
      case 'FILE_WITH_ORG_DEPARTMENT':
      case 'RECORD_OATH':
      case 'APPLY_FOR_CONVERSION':
        return { type, ...base };
    }
  }
}

function date(value: string, field: string): LocalDate {
  const parsed = parseLocalDate(value);
  if (!parsed)
    throw new ProblemError(
      400,
      'REQUEST_VALIDATION_FAILED',
      '请求参数不正确',
      `${field}: ${value} is not a calendar date`,
    );
  return parsed;
}

function notFound(caseId: string): ProblemError {
  return new ProblemError(404, 'MEMBER_CASE_NOT_FOUND', '案件不存在', `no member case ${caseId}`);
}
