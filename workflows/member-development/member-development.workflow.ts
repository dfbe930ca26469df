import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';

import type { MemberCaseView, RecordApplicationCommand } from '@app/contracts';
import type { RuleViolation } from '@app/domain';

import {
  ruleViolationFailure,
  ruleViolationFrom,
  RULE_VIOLATION_FAILURE,
} from '../shared/rule-violation-failure';
import type { MemberDevelopmentActivities } from './activities';

/**
 * One workflow per application (入党申请), from step 1 to 正式党员. This slice records step 1;
 * steps 2–25 arrive as updates with rule validators (issue 3).
 *
 * Changing this code: histories of running cases replay against the new code, so any change to the
 * order of commands (activities, timers) must be guarded with `patched('<change-id>')` and keep the old
 * branch until no running workflow needs it; replay tests of recorded histories catch mistakes.
 */
export interface MemberDevelopmentInput {
  readonly caseId: string;
  /** Fingerprint of the request that started the case, so a reused Idempotency-Key can be told apart. */
  readonly requestFingerprint: string;
  readonly application: Omit<RecordApplicationCommand, 'caseId' | 'workflowId' | 'eventId'>;
}

export type MemberDevelopmentStatus = 'RECORDING' | 'OPEN' | 'REJECTED';

export interface MemberDevelopmentState {
  readonly caseId: string;
  status: MemberDevelopmentStatus;
  memberCase?: MemberCaseView;
  rejection?: RuleViolation;
}

export interface ApplicationRecorded {
  readonly memberCase: MemberCaseView;
  readonly requestFingerprint: string;
}

/** Sent with the start (update-with-start): answers once step 1 is durably recorded, or with the rule it broke. */
export const applicationRecordedUpdate = defineUpdate<ApplicationRecorded>('applicationRecorded');
export const caseStateQuery = defineQuery<MemberDevelopmentState>('caseState');

const activities = proxyActivities<MemberDevelopmentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [RULE_VIOLATION_FAILURE],
  },
});

export async function memberDevelopmentWorkflow(
  input: MemberDevelopmentInput,
): Promise<MemberDevelopmentState> {
  const state: MemberDevelopmentState = { caseId: input.caseId, status: 'RECORDING' };
  setHandler(caseStateQuery, () => state);
  setHandler(applicationRecordedUpdate, async () => {
    await condition(() => state.status !== 'RECORDING');
    if (state.rejection) throw ruleViolationFailure(state.rejection);
    return { memberCase: state.memberCase!, requestFingerprint: input.requestFingerprint };
  });

  try {
    state.memberCase = await activities.recordApplication({
      ...input.application,
      caseId: input.caseId,
      workflowId: workflowInfo().workflowId,
      eventId: uuid4(),
    });
    state.status = 'OPEN';
  } catch (error) {
    const rejection = ruleViolationFrom(error);
    if (!rejection) throw error;
    state.rejection = rejection;
    state.status = 'REJECTED';
    await condition(allHandlersFinished);
    return state;
  }

  // The case stays open for the later steps (issue 3 adds their updates and timers).
  await condition(() => state.status !== 'OPEN');
  await condition(allHandlersFinished);
  return state;
}
