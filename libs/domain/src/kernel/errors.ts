import { type RuleViolation } from './rules/rule-violation';

/**
 * What goes wrong with a case outside the rules' own verdicts, in the domain's words: the gateways to the
 * workflow engine throw these (never the engine's own errors), services let them through, and the edge alone
 * turns them into problem documents (libs/config problem.ts `domainProblem`).
 */

/** The body of rules a case is run under (its workflow kind). */
export type CasePipeline = 'MEMBER_DEVELOPMENT' | 'CADRE_RECRUITMENT' | 'RESERVE_POOL';

/** What a case is called in each pipeline (a reservist's case is a reserve-pool entry). */
export type CaseKind = 'MEMBER_CASE' | 'CADRE_CASE' | 'RESERVE_ENTRY';

export const CASE_KIND_OF: Readonly<Record<CasePipeline, CaseKind>> = {
  MEMBER_DEVELOPMENT: 'MEMBER_CASE',
  CADRE_RECRUITMENT: 'CADRE_CASE',
  RESERVE_POOL: 'RESERVE_ENTRY',
};

/** Every error of this file: the edge maps each of them, and nothing else needs to know their transport. */
export abstract class DomainError extends Error {
  protected constructor(message: string, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    // What it was translated from (a workflow failure), for logs and for whoever still reads the details.
    if (cause !== undefined) this.cause = cause;
  }
}

/** The case's rules forbid the step: the violations, most fundamental first. */
export class CaseRulesBroken extends DomainError {
  constructor(
    readonly pipeline: CasePipeline,
    readonly violations: readonly [RuleViolation, ...RuleViolation[]],
    cause?: unknown,
  ) {
    super(`${violations[0].code}: ${violations[0].message}`, cause);
  }
}

/**
 * The person already has an open case (entry) of this kind: `violation.existingId` names it when known. Whether
 * the caller may learn which one is the caller's scope: the service says so with `disclosed` (withDisclosure).
 */
export class CaseAlreadyOpen extends DomainError {
  constructor(
    readonly pipeline: CasePipeline,
    readonly violation: RuleViolation,
    readonly disclosed = false,
    cause?: unknown,
  ) {
    super(`${violation.code}: ${violation.message}`, cause);
  }

  get existingId(): string | undefined {
    return this.violation.existingId;
  }

  /** The same conflict, the existing case named to the caller (only with an id to name). */
  withDisclosure(disclosed: boolean): CaseAlreadyOpen {
    return new CaseAlreadyOpen(
      this.pipeline,
      this.violation,
      disclosed && this.existingId !== undefined,
      this.cause,
    );
  }
}

/** No such case (entry). */
export class CaseNotFound extends DomainError {
  constructor(
    readonly kind: CaseKind,
    readonly id: string,
    cause?: unknown,
  ) {
    super(`no ${kind} ${id}`, cause);
  }
}

/**
 * The case (entry) has ended: starting it again (`REOPEN`: its id was used by a case that closed), or acting on
 * it (`ACT`; `status` when known, as read before the step).
 */
export class CaseClosed extends DomainError {
  constructor(
    readonly kind: CaseKind,
    readonly id: string,
    readonly attempt: 'REOPEN' | 'ACT',
    readonly status?: string,
    cause?: unknown,
  ) {
    super(`${kind} ${id} has ended${status ? ` (${status})` : ''}`, cause);
  }
}

/** The step was accepted but not yet recorded in time (its recording carries on): ask again for the case. */
export class RecordingDelayed extends DomainError {
  constructor(
    readonly kind: CaseKind,
    readonly id: string,
    cause?: unknown,
  ) {
    super(`${kind} ${id} was not recorded in time`, cause);
  }
}

/** What the database said when it refused the data. */
export interface RecordingRefusal {
  /** PostgreSQL SQLSTATE, when the database said. */
  readonly sqlState: string | null;
  /** Prisma's error code, when Prisma refused before the database did. */
  readonly prismaCode: string | null;
}

/** The database refused the step's data: nothing was recorded; the client's to correct. */
export class RecordingRejected extends DomainError {
  constructor(
    readonly refusal: RecordingRefusal,
    cause?: unknown,
  ) {
    super('the database refused the data; nothing was recorded', cause);
  }
}

/** Recording the step kept failing and was given up: the case is as it was (the service's to fix). */
export class RecordingNotCompleted extends DomainError {
  constructor(cause?: unknown) {
    super('recording the step kept failing and was given up', cause);
  }
}

/** The workflow engine cannot be reached: nothing was done. */
export class EngineUnavailable extends DomainError {
  constructor(cause?: unknown) {
    super('the workflow engine cannot be reached', cause);
  }
}

/** The workflow engine did not answer within `timeoutMs`: the call may still take effect. */
export class EngineTimeout extends DomainError {
  constructor(
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    super(`the workflow engine did not answer within ${timeoutMs} ms`, cause);
  }
}

/** A township has no half-year review schedule (`townshipCode` names the township). */
export class ReviewScheduleNotFound extends DomainError {
  constructor(
    readonly townshipCode: string,
    cause?: unknown,
  ) {
    super(`no review schedule for ${townshipCode}`, cause);
  }
}
