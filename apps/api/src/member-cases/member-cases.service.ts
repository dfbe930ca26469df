import { Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';

import { Clock, ProblemError, TemporalConfig } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import { type RuleViolation, assessApplication, chinaLocalDate } from '@app/domain';
import { MemberCasesRepository, OrgUnitsRepository, nameBasedUuid } from '@app/persistence';
import { memberCaseWorkflowId } from '@app/temporal';
import { RULE_VIOLATION_FAILURE } from '@app/workflows/member-development/activities';
import { applicationRecordedUpdate, memberDevelopmentWorkflow } from '@app/workflows';

import { type CreateMemberCaseDto } from './dto/create-member-case.dto';

/** Case id for an Idempotency-Key, so a retried request finds the same case. */
export function caseIdForIdempotencyKey(key: string): string {
  return nameBasedUuid(`member-case:${key}`);
}

function violationOf(error: unknown): RuleViolation | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.type === RULE_VIOLATION_FAILURE) {
    return cause.details?.[0] as RuleViolation | undefined;
  }
  return undefined;
}

@Injectable()
export class MemberCasesService {
  constructor(
    private readonly temporal: Client,
    private readonly temporalConfig: TemporalConfig,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly memberCases: MemberCasesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks step 1's rules, then starts the case's workflow and waits until the case is recorded.
   * Nothing is started or written when a rule is broken.
   */
  async submitApplication(
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

    const caseId = idempotencyKey ? caseIdForIdempotencyKey(idempotencyKey) : randomUUID();
    const startWorkflowOperation = new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
      workflowId: memberCaseWorkflowId(caseId),
      taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [
        {
          caseId,
          application: {
            name: application.name,
            nationalId: application.nationalId.value,
            birthDate: application.nationalId.birthDate,
            gender: application.nationalId.gender,
            applicationDate: application.applicationDate,
            ruleSet: application.ruleSet.id,
            branchId: application.branch.id,
            actorId: null,
          },
        },
      ],
    });
    let recorded: MemberCaseView;
    try {
      recorded = await this.temporal.workflow.executeUpdateWithStart(applicationRecordedUpdate, {
        startWorkflowOperation,
      });
    } catch (error) {
      const violation = violationOf(error);
      if (!violation) throw error;
      throw ProblemError.fromViolations(
        [violation],
        violation.code === 'MEMBER_CASE_ALREADY_OPEN' ? 409 : 422,
      );
    }
    if (
      idempotencyKey &&
      (recorded.applicant.name !== application.name || recorded.branchId !== application.branch.id)
    ) {
      throw new ProblemError(
        409,
        'IDEMPOTENCY_KEY_REUSED',
        '幂等键已用于另一申请',
        `Idempotency-Key ${idempotencyKey} was used for a different application`,
      );
    }
    return recorded;
  }

  async get(id: string): Promise<MemberCaseView> {
    const found = await this.memberCases.findById(id);
    if (!found) throw new ProblemError(404, 'MEMBER_CASE_NOT_FOUND', '案件不存在', `no member case ${id}`);
    return found;
  }
}
