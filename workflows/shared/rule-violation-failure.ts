import { ApplicationFailure } from '@temporalio/common';

import type { RuleViolation } from '@app/domain';

/**
 * How a broken rule crosses Temporal boundaries (activity → workflow → update caller): an
 * ApplicationFailure of this type, never retried, with the RuleViolation as its only detail.
 */
export const RULE_VIOLATION_FAILURE = 'RuleViolation';

export function ruleViolationFailure(violation: RuleViolation): ApplicationFailure {
  return ApplicationFailure.create({
    type: RULE_VIOLATION_FAILURE,
    message: violation.message,
    details: [violation],
    nonRetryable: true,
  });
}

/** The RuleViolation inside an error, however deeply wrapped (ActivityFailure, WorkflowUpdateFailedError, …). */
export function ruleViolationFrom(error: unknown): RuleViolation | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) {
      return current.details?.[0] as RuleViolation | undefined;
    }
  }
  return undefined;
}
