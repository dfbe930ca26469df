import { Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';

import { TemporalConfig } from '@app/config';
import { type CadreCaseView, type MemberCaseView, type ReserveEntryView } from '@app/contracts';
import {
  type CasePipeline,
  CaseRulesBroken,
  EngineTimeout,
  type MemberAction,
  RecordingDelayed,
} from '@app/domain';
import {
  type ApplicationRecorded,
  type AvailableAction,
  type CadreActionInput,
  type CadreRecruitmentInput,
  type CadreSnapshot,
  type DryRunAnswer,
  type MemberDevelopmentInput,
  type MemberDevelopmentSnapshot,
  type ReserveActionInput,
  type ReservistInput,
  type ReservistSnapshot,
  applicationRecordedUpdate,
  availableActionsQuery,
  cadreNominationRecordedUpdate,
  cadreRecruitmentWorkflow,
  cadreStateQuery,
  caseStateQuery,
  dryRunActionQuery,
  dryRunCadreActionQuery,
  dryRunReserveActionQuery,
  memberDevelopmentWorkflow,
  recordActionUpdate,
  recordCadreActionUpdate,
  recordReserveActionUpdate,
  reserveRecommendationRecordedUpdate,
  reservistStateQuery,
  reservistWorkflow,
  reservistWorkflowId,
} from '@app/workflows';

import { cadreCaseWorkflowId, memberCaseWorkflowId } from '../task-queues';
import { type CaseCall, caseError } from './case-errors';
import { CadreCaseGateway, MemberCaseGateway, ReservistGateway } from './case-gateways';

/**
 * How every case starts: update-with-start, waiting until the first step is recorded. A closed case is never
 * reopened by a retried request (its id is taken); one whose workflow failed because its first step could not be
 * recorded (nothing stored) starts again, so the same request can be sent again.
 */
const START_POLICIES = {
  workflowIdConflictPolicy: 'USE_EXISTING',
  workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
} as const;

/** A dry run's answer: the view, or its violations as the update would have failed with them. */
function dryRunView<V>(pipeline: CasePipeline, answer: DryRunAnswer<V>): V {
  const [first, ...rest] = answer.violations ?? [];
  if (first) throw new CaseRulesBroken(pipeline, [first, ...rest]);
  return answer.view!;
}

/** A call to one case's workflow, its failure translated into a domain error. */
async function translated<T>(
  pipeline: CasePipeline,
  config: TemporalConfig,
  id: string,
  kind: CaseCall,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw caseError(error, { pipeline, id, kind, timeoutMs: config.TEMPORAL_CALL_TIMEOUT_MS });
  }
}

@Injectable()
export class TemporalMemberCaseGateway extends MemberCaseGateway {
  constructor(
    private readonly client: Client,
    private readonly config: TemporalConfig,
  ) {
    super();
  }

  async start(input: MemberDevelopmentInput): Promise<ApplicationRecorded> {
    const { caseId } = input;
    try {
      // Within the client's call deadline (TEMPORAL_CALL_TIMEOUT_MS); the workflow carries on past it.
      return await this.call(caseId, 'START', () =>
        this.client.workflow.executeUpdateWithStart(applicationRecordedUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(memberDevelopmentWorkflow, {
            workflowId: memberCaseWorkflowId(caseId),
            taskQueue: this.config.TEMPORAL_TASK_QUEUE,
            ...START_POLICIES,
            args: [input],
          }),
        }),
      );
    } catch (error) {
      // The application was accepted; its recording goes on: the same request again answers with the case.
      throw error instanceof EngineTimeout ? new RecordingDelayed('MEMBER_CASE', caseId, error) : error;
    }
  }

  act(caseId: string, action: MemberAction, updateId?: string): Promise<MemberCaseView> {
    return this.call(caseId, 'ACT', () =>
      this.client.workflow
        .getHandle(memberCaseWorkflowId(caseId))
        .executeUpdate(recordActionUpdate, { args: [action], ...(updateId ? { updateId } : {}) }),
    );
  }

  async dryRun(caseId: string, action: MemberAction): Promise<MemberCaseView> {
    const answer = await this.call(caseId, 'READ', () =>
      this.client.workflow.getHandle(memberCaseWorkflowId(caseId)).query(dryRunActionQuery, action),
    );
    return dryRunView('MEMBER_DEVELOPMENT', answer);
  }

  snapshot(caseId: string): Promise<MemberDevelopmentSnapshot> {
    return this.call(caseId, 'READ', () =>
      this.client.workflow.getHandle(memberCaseWorkflowId(caseId)).query(caseStateQuery),
    );
  }

  availableActions(caseId: string): Promise<readonly AvailableAction[]> {
    return this.call(caseId, 'READ', () =>
      this.client.workflow.getHandle(memberCaseWorkflowId(caseId)).query(availableActionsQuery),
    );
  }

  private call<T>(caseId: string, kind: CaseCall, call: () => Promise<T>): Promise<T> {
    return translated('MEMBER_DEVELOPMENT', this.config, caseId, kind, call);
  }
}

@Injectable()
export class TemporalCadreCaseGateway extends CadreCaseGateway {
  constructor(
    private readonly client: Client,
    private readonly config: TemporalConfig,
  ) {
    super();
  }

  start(input: CadreRecruitmentInput): Promise<CadreCaseView> {
    return this.call(input.caseId, 'START', () =>
      this.client.workflow.executeUpdateWithStart(cadreNominationRecordedUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(cadreRecruitmentWorkflow, {
          workflowId: cadreCaseWorkflowId(input.caseId),
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          ...START_POLICIES,
          args: [input],
        }),
      }),
    );
  }

  act(caseId: string, action: CadreActionInput, updateId?: string): Promise<CadreCaseView> {
    return this.call(caseId, 'ACT', () =>
      this.client.workflow
        .getHandle(cadreCaseWorkflowId(caseId))
        .executeUpdate(recordCadreActionUpdate, { args: [action], ...(updateId ? { updateId } : {}) }),
    );
  }

  async dryRun(caseId: string, action: CadreActionInput): Promise<CadreCaseView> {
    const answer = await this.call(caseId, 'READ', () =>
      this.client.workflow.getHandle(cadreCaseWorkflowId(caseId)).query(dryRunCadreActionQuery, action),
    );
    return dryRunView('CADRE_RECRUITMENT', answer);
  }

  snapshot(caseId: string): Promise<CadreSnapshot> {
    return this.call(caseId, 'READ', () =>
      this.client.workflow.getHandle(cadreCaseWorkflowId(caseId)).query(cadreStateQuery),
    );
  }

  private call<T>(caseId: string, kind: CaseCall, call: () => Promise<T>): Promise<T> {
    return translated('CADRE_RECRUITMENT', this.config, caseId, kind, call);
  }
}

@Injectable()
export class TemporalReservistGateway extends ReservistGateway {
  constructor(
    private readonly client: Client,
    private readonly config: TemporalConfig,
  ) {
    super();
  }

  start(input: ReservistInput): Promise<ReserveEntryView> {
    return this.call(input.entryId, 'START', () =>
      this.client.workflow.executeUpdateWithStart(reserveRecommendationRecordedUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(reservistWorkflow, {
          workflowId: reservistWorkflowId(input.entryId),
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          ...START_POLICIES,
          args: [input],
        }),
      }),
    );
  }

  act(entryId: string, action: ReserveActionInput, updateId?: string): Promise<ReserveEntryView> {
    return this.call(entryId, 'ACT', () =>
      this.client.workflow
        .getHandle(reservistWorkflowId(entryId))
        .executeUpdate(recordReserveActionUpdate, { args: [action], ...(updateId ? { updateId } : {}) }),
    );
  }

  async dryRun(entryId: string, action: ReserveActionInput): Promise<ReserveEntryView> {
    const answer = await this.call(entryId, 'READ', () =>
      this.client.workflow.getHandle(reservistWorkflowId(entryId)).query(dryRunReserveActionQuery, action),
    );
    return dryRunView('RESERVE_POOL', answer);
  }

  snapshot(entryId: string): Promise<ReservistSnapshot> {
    return this.call(entryId, 'READ', () =>
      this.client.workflow.getHandle(reservistWorkflowId(entryId)).query(reservistStateQuery),
    );
  }

  private call<T>(entryId: string, kind: CaseCall, call: () => Promise<T>): Promise<T> {
    return translated('RESERVE_POOL', this.config, entryId, kind, call);
  }
}
