import { Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  isGrpcDeadlineError,
} from '@temporalio/client';
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
import { MemberCasesRepository, OrgUnitsRepository, canonicalJson, nameBasedUuid } from '@app/persistence';
import { memberCaseWorkflowId } from '@app/temporal';
import { applicationRecordedUpdate, memberDevelopmentWorkflow } from '@app/workflows';
import { ruleViolationFrom } from '@app/workflows/shared/rule-violation-failure';

import { type CreateMemberCaseDto } from './dto/create-member-case.dto';

/** How long a request waits for the case to be recorded before answering 503 (the workflow carries on). */
const RECORDING_DEADLINE_MS = 20_000;

/** Case id for an Idempotency-Key, so a retried request finds the same case. */
export function caseIdForIdempotencyKey(key: string): string {
  return nameBasedUuid(`member-case:${key}`);
}

/** What makes two requests "the same application" for Idempotency-Key purposes. */
export function applicationFingerprint(application: AcceptedApplication): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        name: application.name,
        nationalId: application.nationalId.value,
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
    if (!assessment.accepted) throw ProblemError.fromViolations(assessment.violations);
    const { application } = assessment;
    // The branch enters the application it received (党支部 enters the data), never for another branch.
    this.access.assertCanAct(principal, ['INDIVIDUAL'], principal.orgUnit, application.branch, null);

    const caseId = idempotencyKey ? caseIdForIdempotencyKey(idempotencyKey) : randomUUID();
    // Local overlays in force for the branch now are pinned on the case (checked to only tighten the rules).
    const overlays = overlaysFor(
      (await this.orgUnits.ancestry(application.branch.id)).map((unit) => unit.code),
    );
    applyOverlays(application.ruleSet, overlays);
    const requestFingerprint = applicationFingerprint(application);
    const startWorkflowOperation = new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
      workflowId: memberCaseWorkflowId(caseId),
      taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed case is never reopened by a retried request: its workflow id cannot start again.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [
        {
          caseId,
          requestFingerprint,
          branch: application.branch,
          ruleSet: application.ruleSet,
          overlays,
          application: {
            name: application.name,
            nationalId: application.nationalId.value,
            birthDate: application.nationalId.birthDate,
            gender: application.nationalId.gender,
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
      recorded = await this.temporal.withDeadline(Date.now() + RECORDING_DEADLINE_MS, () =>
        this.temporal.workflow.executeUpdateWithStart(applicationRecordedUpdate, { startWorkflowOperation }),
      );
    } catch (error) {
      const violation = ruleViolationFrom(error);
      if (violation) {
        throw ProblemError.fromViolations(
          [violation],
          violation.code === 'MEMBER_CASE_ALREADY_OPEN' ? 409 : 422,
        );
      }
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ProblemError(
          409,
          'MEMBER_CASE_CLOSED',
          '案件已结束',
          `case ${caseId} has ended; it cannot be submitted again`,
          { caseId },
        );
      }
      if (isGrpcDeadlineError(error)) {
        throw new ProblemError(
          503,
          'RECORDING_DELAYED',
          '申请已受理，正在记录',
          `The case was not recorded within ${RECORDING_DEADLINE_MS / 1000} s; retry with the same Idempotency-Key to get it.`,
          { caseId },
        );
      }
      throw error;
    }
    if (recorded.requestFingerprint !== requestFingerprint) {
      throw new ProblemError(
        409,
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
