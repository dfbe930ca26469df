import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { ProblemError } from '@app/config';
import { type MemberCaseView, type VerifiedRecords } from '@app/contracts';
import {
  type ApprovalRoute,
  CaseClosed,
  CaseNotFound,
  type MemberAction,
  type MemberActionType,
  type MemberStanding,
  type OrgUnit,
  type Principal,
  type RuleSetId,
  actorsOfAction,
  caseParties,
  recordedBy,
  memberRuleSet,
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
import { MemberCaseGateway } from '@app/temporal';
import { type MemberDevelopmentSnapshot } from '@app/workflows';

import { actionPaths, bodyDate, buildAction } from '../../action-route';
import { type Submission, isDryRun } from '../../dry-run';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import { requireOrgUnit } from '../../org-unit-reference';
import type * as Dto from './member-action.dto';
import { MEMBER_ACTION_ROUTES } from './member-action-routes';

/** The path segment of each action's endpoint: POST /v1/member-cases/{id}/<path>. */
export const ACTION_PATHS = actionPaths(MEMBER_ACTION_ROUTES);

@Injectable()
export class MemberCaseActionsService {
  constructor(
    private readonly cases: MemberCaseGateway,
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
    dryRun = false,
  ): Promise<MemberCaseView> {
    const action = await this.checkedAction(principal, caseId, type, dto);
    if (dryRun) return this.cases.dryRun(caseId, action);
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
    submission: Submission,
  ): Promise<MemberCaseView> {
    const action = await this.checkedAction(principal, caseId, type, dto);
    return isDryRun(submission)
      ? this.cases.dryRun(caseId, action)
      : this.submit(caseId, action, submission.updateId);
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
    if (snapshot.status !== 'OPEN') throw new CaseClosed('MEMBER_CASE', caseId, 'ACT', snapshot.status);
    return {
      ...(await this.actionFrom(type, dto, actingBody, state.branch, ruleSet)),
      recordedBy: recordedBy(principal),
    };
  }

  private async submit(
    caseId: string,
    action: MemberAction,
    updateId: string | undefined,
  ): Promise<MemberCaseView> {
    return this.cases.act(caseId, action, updateId);
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

  /**
   * The case's workflow state with its branch as the org tree has it now: the workflow keeps the branch it
   * started with, and a unit moved since keeps its id but not its place (scope follows the current tree).
   */
  private async snapshot(caseId: string): Promise<MemberDevelopmentSnapshot> {
    const snapshot = await this.cases.snapshot(caseId);
    const branch = snapshot.state && (await this.orgUnits.find(snapshot.state.branch.id));
    return branch ? { ...snapshot, state: { ...snapshot.state, branch } } : snapshot;
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
        violation('PERSON_UNKNOWN', null, `${field}: 人员 ${unknown.join(', ')} 不存在`, field),
      ]);
    return standings;
  }

  /** The domain action a checked body describes (its approval route and the standings it names resolved). */
  actionFrom(
    type: MemberActionType,
    dto: Dto.MemberActionDto,
    actingBody: OrgUnit,
    branch: OrgUnit,
    ruleSet: RuleSetId,
  ): Promise<MemberAction> {
    return buildAction(MEMBER_ACTION_ROUTES, type, dto, {
      base: {
        date: bodyDate(dto.date, 'date'),
        actingBody,
        ...(dto.evidence ? { evidence: dto.evidence } : {}),
      },
      route: () => this.route(branch, ruleSet),
      standings: (personIds, field) => this.standings(personIds, field),
      orgUnit: (reference, field) => requireOrgUnit(this.orgUnits, reference, field),
    });
  }
}

function notFound(caseId: string): CaseNotFound {
  return new CaseNotFound('MEMBER_CASE', caseId);
}
