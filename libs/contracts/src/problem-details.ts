/** One broken rule of a problem: its stable code, the article it comes from, the message in Chinese. */
export interface ProblemViolation {
  readonly code: string;
  readonly article: string | null;
  readonly message: string;
  /**
   * The request body field the rule concerns, as the body names it (dotted when nested: `vote.presentVoting`,
   * `sponsorIds.1`), for a form to show the message beside it; absent when it concerns the case or the step.
   */
  readonly field?: string;
}

/** RFC 9457 problem details, with the project's stable `code` and, for rule violations, the `article`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly article?: string | null;
  /** Every rule the request breaks, most fundamental first (422, and 409 for a conflict with the case). */
  readonly violations?: readonly ProblemViolation[];
  readonly [extension: string]: unknown;
}
