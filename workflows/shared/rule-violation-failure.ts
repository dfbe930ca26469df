import { ApplicationFailure } from '@temporalio/common';

import type { RuleViolation } from '@app/domain';

/**
 * How broken rules cross Temporal boundaries (activity → workflow → update caller): an ApplicationFailure
 * of this type, never retried, whose details are the violations, most fundamental first.
 */
export const RULE_VIOLATION_FAILURE = 'RuleViolation';

export function ruleViolationFailure(...violations: [RuleViolation, ...RuleViolation[]]): ApplicationFailure {
  return ApplicationFailure.create({
    type: RULE_VIOLATION_FAILURE,
    message: violations[0].message,
    details: violations,
    nonRetryable: true,
  });
}

/** Throws the violations as one failure, if there are any (in an update handler or validator). */
export function throwViolations(violations: readonly RuleViolation[]): void {
  if (violations.length > 0) throw ruleViolationFailure(violations[0]!, ...violations.slice(1));
}

/** Every RuleViolation inside an error, however deeply wrapped (ActivityFailure, WorkflowUpdateFailedError, …). */
export function ruleViolationsFrom(error: unknown): RuleViolation[] {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) {
      return (current.details ?? []) as RuleViolation[];
    }
  }
  return [];
}

/** The first (most fundamental) RuleViolation inside an error, if any. */
export function ruleViolationFrom(error: unknown): RuleViolation | undefined {
  return ruleViolationsFrom(error)[0];
}
