import { Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';

import { AccessService } from '@app/auth';
import { Clock, ProblemError, TemporalConfig } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import {
  type AcceptedApplication,
  type Principal,
  applyOverlays,
  assessApplication,
  chinaLocalDate,
  overlaysFor,
  recordedBy,
} from '@app/domain';
import {
  MemberCasesRepository,
  OrgUnitsRepository,
  PersonsRepository,
  canonicalJson,
} from '@app/persistence';
import { TemporalTimeoutError, memberCaseWorkflowId } from '@app/temporal';
import { applicationRecordedUpdate, memberDevelopmentWorkflow } from '@app/workflows';
import { ruleViolationFrom } from '@app/workflows/shared/rule-violation-failure';

import { alreadyOpenProblem } from '../already-open';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { recordingProblem } from '../recording-problem';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { type CreateMemberCaseDto } from './dto/create-member-case.dto';

/**
 * What makes two requests "the same application" for Idempotency-Key purposes. The person stands in for the
 * ID number (one person per number): a hash of the number itself could be reversed by trying the few
 * thousand numbers that fit the birth date.
 */
export function applicationFingerprint(application: AcceptedApplication, personId: string): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        name: application.name,
        personId,
        applicationDate: application.applicationDate,
        branchId: application.branch.id,
      }),
    )
    .digest('hex');
}

@Injectable()
export class MemberCasesService {
  constructor(
    private readonly temporal: Client,
    private readonly temporalConfig: TemporalConfig,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly idempotency: IdempotencyService,
    private readonly actions: MemberCaseActionsService,
    private readonly persons: PersonsRepository,
  ) {}

  /**
   * Checks step 1's rules, then starts the case's workflow and waits until the case is recorded.
   * Nothing is started or written when a rule is broken.
   */
  async submitApplication(
    principal: Principal,
    dto: CreateMemberCaseDto,
    idempotencyKey: string | undefined,
  ): Promise<MemberCaseView> {
    const today = chinaLocalDate(this.clock.now());
    const branch = await this.orgUnits.find(dto.branch);
    const assessment = assessApplication(
      {
        name: dto.name,
        nationalId: dto.nationalId,
        birthDate: dto.birthDate,
        applicationDate: dto.applicationDate ?? today,
      },
      branch,
      today,
    );
    if (!assessment.accepted) throw ProblemError.fromViolations('MEMBER_DEVELOPMENT', assessment.violations);
    const { application } = assessment;
    // The branch enters the application it received (党支部 enters the data), never for another branch.
    this.access.assertCanAct(principal, ['INDIVIDUAL'], principal.orgUnit, application.branch, null);

    const idempotent = await this.idempotency.claim(principal, idempotencyKey, {
      endpoint: 'POST /v1/member-cases',
      request: dto,
      resourceId: (token) => token.id('member-case'),
    });
    const caseId = idempotent?.token.id('member-case') ?? randomUUID();
    // Local overlays in force for the branch now are pinned on the case (checked to only tighten the rules).
    const overlays = overlaysFor(
      (await this.orgUnits.ancestry(application.branch.id)).map((unit) => unit.code),
    );
    applyOverlays(application.ruleSet, overlays);
    // The person is registered first: the workflow carries their id, never the name or the ID number.
    const { personId } = await this.persons.ensure({
      name: application.name,
      nationalId: application.nationalId.value,
      birthDate: application.nationalId.birthDate,
      gender: application.nationalId.gender,
    });
    const requestFingerprint = applicationFingerprint(application, personId);
    const startWorkflowOperation = new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
      workflowId: memberCaseWorkflowId(caseId),
      taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed case is never reopened by a retried request; a case whose workflow failed because step 1
      // could not be recorded (nothing stored) starts again, so the same request can be sent again.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      args: [
        {
          caseId,
          requestFingerprint,
          branch: application.branch,
          ruleSet: application.ruleSet,
          overlays,
          application: {
            personId,
            applicationDate: application.applicationDate,
            ruleSet: application.ruleSet.id,
            branchId: application.branch.id,
            ...(dto.profile ? { profile: { ...dto.profile } } : {}),
            recordedBy: recordedBy(principal),
          },
        },
      ],
    });
    let recorded;
    try {
      // Within the client's call deadline (TEMPORAL_CALL_TIMEOUT_MS); the workflow carries on past it.
      recorded = await this.temporal.workflow.executeUpdateWithStart(applicationRecordedUpdate, {
        startWorkflowOperation,
      });
    } catch (error) {
      await idempotent?.failed(error);
      const violation = ruleViolationFrom(error);
      if (violation?.code === 'MEMBER_CASE_ALREADY_OPEN') {
        throw await alreadyOpenProblem('MEMBER_DEVELOPMENT', violation, 'caseId', (id) =>
          this.actions.mayRead(principal, id),
        );
      }
      if (violation) throw ProblemError.fromViolations('MEMBER_DEVELOPMENT', [violation]);
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ProblemError(
          409,
          'MEMBER_CASE_CLOSED',
          '案件已结束',
          `case ${caseId} has ended; it cannot be submitted again`,
          { caseId },
        );
      }
      if (error instanceof TemporalTimeoutError) {
        throw new ProblemError(
          503,
          'RECORDING_DELAYED',
          '申请已受理，正在记录',
          'The case was not recorded in time; retry with the same Idempotency-Key to get it.',
          { caseId },
        );
      }
      throw recordingProblem(error) ?? error;
    }
    if (recorded.requestFingerprint !== requestFingerprint) {
      throw new ProblemError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        '幂等键已用于另一申请',
        `Idempotency-Key ${idempotencyKey ?? ''} was used for a different application`,
      );
    }
    return recorded.memberCase;
  }

  /** The read model, for callers who may read the case (see MemberCaseActionsService.readableCase). */
  async get(id: string): Promise<MemberCaseView> {
    const found = await this.memberCases.findById(id);
    if (!found) throw new ProblemError(404, 'MEMBER_CASE_NOT_FOUND', '案件不存在', `no member case ${id}`);
    return found;
  }
}
