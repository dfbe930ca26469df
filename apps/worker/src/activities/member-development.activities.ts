import { Injectable } from '@nestjs/common';

import {
  type MemberCaseView,
  type RecordApplicationCommand,
  type RecordDeadlineSignalCommand,
  type RecordMemberActionCommand,
} from '@app/contracts';
import { RuleViolationError } from '@app/domain';
import { MemberCasesRepository } from '@app/persistence';
import { type MemberDevelopmentActivities } from '@app/workflows/member-development/activities';
import { ruleViolationFailure } from '@app/workflows/shared/rule-violation-failure';

/** Turns a broken rule into a non-retryable failure the workflow can read; anything else is retried. */
export async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RuleViolationError) throw ruleViolationFailure(error.violation);
    throw error;
  }
}

@Injectable()
export class MemberDevelopmentActivitiesService implements MemberDevelopmentActivities {
  constructor(private readonly memberCases: MemberCasesRepository) {}

  recordApplication(command: RecordApplicationCommand): Promise<MemberCaseView> {
    return asActivity(() => this.memberCases.recordApplication(command));
  }

  recordMemberAction(command: RecordMemberActionCommand): Promise<MemberCaseView> {
    return asActivity(() => this.memberCases.recordAction(command));
  }

  recordDeadlineSignal(command: RecordDeadlineSignalCommand): Promise<void> {
    return asActivity(() => this.memberCases.recordDeadlineSignal(command));
  }
}

/** The plain object the worker registers: methods bound to the Nest service. */
export function createMemberDevelopmentActivities(
  service: MemberDevelopmentActivitiesService,
): MemberDevelopmentActivities {
  return {
    recordApplication: service.recordApplication.bind(service),
    recordMemberAction: service.recordMemberAction.bind(service),
    recordDeadlineSignal: service.recordDeadlineSignal.bind(service),
  };
}
