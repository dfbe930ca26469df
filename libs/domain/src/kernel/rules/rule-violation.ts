/**
 * A broken rule, as the organizer sees it: a stable code, the article it comes from and a message.
 * `article` cites the 2026 细则 ("§13") unless it names another source ("GB 11643-1999", "2014 §32").
 */
export interface RuleViolation {
  readonly code: string;
  readonly article: string | null;
  readonly message: string;
  /**
   * The request-body field the rule is about, named as the endpoint's body names it (dotted when nested:
   * `votes.cast`, `vote.presentVoting`), for a form to show the message beside it. Absent when the rule
   * concerns the case or the step as a whole (the case closed, a step out of order, who may act).
   */
  readonly field?: string;
  /**
   * The record the rule ran into (the case already open), for the edge to disclose only to a caller who may
   * read it: never part of the message.
   */
  readonly existingId?: string;
}

/** Thrown by domain code when a rule blocks an action. Edges map it to a problem response. */
export class RuleViolationError extends Error {
  constructor(readonly violation: RuleViolation) {
    super(`${violation.code}: ${violation.message}`);
    this.name = 'RuleViolationError';
  }
}

/** A broken rule; `field` names the body field it concerns, when it concerns one. */
export function violation(
  code: string,
  article: string | null,
  message: string,
  field?: string,
): RuleViolation {
  return field === undefined ? { code, article, message } : { code, article, message, field };
}

/** Why a case was refused, as its event carries it (a disqualification, a reservist not admitted): code and reason. */
export interface RefusalReason {
  readonly code: string;
  readonly reason: string;
}
