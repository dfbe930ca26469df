/**
 * A broken rule, as the organizer sees it: a stable code, the article it comes from and a message.
 * `article` cites the 2026 细则 ("§13") unless it names another source ("GB 11643-1999", "2014 §32").
 */
export interface RuleViolation {
  readonly code: string;
  readonly article: string | null;
  readonly message: string;
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

export function violation(code: string, article: string | null, message: string): RuleViolation {
  return { code, article, message };
}

/** Why a case was refused, as its event carries it (a disqualification, a reservist not admitted): code and reason. */
export interface RefusalReason {
  readonly code: string;
  readonly reason: string;
}
