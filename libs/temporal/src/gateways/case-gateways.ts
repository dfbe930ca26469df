import { type CadreCaseView, type MemberCaseView, type ReserveEntryView } from '@app/contracts';
import { type MemberAction, type OrgUnit } from '@app/domain';
import {
  type ApplicationRecorded,
  type AvailableAction,
  type CadreActionInput,
  type CadreRecruitmentInput,
  type CadreSnapshot,
  type MemberDevelopmentInput,
  type MemberDevelopmentSnapshot,
  type ReserveActionInput,
  type ReservistInput,
  type ReservistSnapshot,
} from '@app/workflows';

/**
 * The workflow engine as the API services see it: one gateway per case kind (abstract classes, so they are Nest
 * injection tokens too; TemporalClientModule provides the Temporal implementations). Every method throws only
 * domain errors (`@app/domain` kernel/errors: CaseRulesBroken, CaseAlreadyOpen, CaseNotFound, CaseClosed,
 * RecordingRejected, RecordingNotCompleted, RecordingDelayed, EngineTimeout, EngineUnavailable) or, for a
 * defect, whatever it was; never the engine's own errors.
 *
 * `updateId` makes an action idempotent: the same id again is answered with the case, not recorded twice.
 */

/** The member-development cases (发展党员). */
export abstract class MemberCaseGateway {
  /**
   * Starts the case (its id in `input`) and waits until its application is recorded. A closed case with that id
   * is CaseClosed (REOPEN); not recorded within the deadline, RecordingDelayed (it may still be recorded).
   */
  abstract start(input: MemberDevelopmentInput): Promise<ApplicationRecorded>;
  abstract act(caseId: string, action: MemberAction, updateId?: string): Promise<MemberCaseView>;
  /** What `act` would answer now (the case after it, or CaseRulesBroken), recording nothing. */
  abstract dryRun(caseId: string, action: MemberAction): Promise<MemberCaseView>;
  /** The case as its workflow holds it; CaseNotFound when there is none. */
  abstract snapshot(caseId: string): Promise<MemberDevelopmentSnapshot>;
  /** What the case's rules allow next. */
  abstract availableActions(caseId: string): Promise<readonly AvailableAction[]>;
}

/** The village-cadre recruitment cases (村干部招引). */
export abstract class CadreCaseGateway {
  /** Starts the case and waits until its nomination is recorded; a closed case with that id is CaseClosed. */
  abstract start(input: CadreRecruitmentInput): Promise<CadreCaseView>;
  abstract act(caseId: string, action: CadreActionInput, updateId?: string): Promise<CadreCaseView>;
  /** What `act` would answer now (the case after it, or CaseRulesBroken), recording nothing. */
  abstract dryRun(caseId: string, action: CadreActionInput): Promise<CadreCaseView>;
  /** The case as its workflow holds it; CaseNotFound when there is none. */
  abstract snapshot(caseId: string): Promise<CadreSnapshot>;
}

/** The reserve-pool entries (村级后备力量), one workflow per reservist. */
export abstract class ReservistGateway {
  /** Starts the entry and waits until its recommendation is recorded; a closed entry with that id is CaseClosed. */
  abstract start(input: ReservistInput): Promise<ReserveEntryView>;
  /** An entry step; an entry whose workflow has ended is CaseClosed (ACT). */
  abstract act(entryId: string, action: ReserveActionInput, updateId?: string): Promise<ReserveEntryView>;
  /** What `act` would answer now (the entry after it, or CaseRulesBroken), recording nothing. */
  abstract dryRun(entryId: string, action: ReserveActionInput): Promise<ReserveEntryView>;
  /** The entry as its workflow holds it; CaseNotFound when there is none. */
  abstract snapshot(entryId: string): Promise<ReservistSnapshot>;
}

export interface ReviewScheduleView {
  readonly scheduleId: string;
  readonly townshipId: string;
  readonly paused: boolean;
  /** When the next reviews open (UTC instants; 1 January and 1 July, 09:00 China Standard Time). */
  readonly nextRuns: readonly string[];
  readonly recentRuns: readonly { readonly workflowId: string; readonly startedAt: string }[];
}

/**
 * Each township's half-year review schedule (1 January and 1 July, 09:00 CST). A township without one is
 * ReviewScheduleNotFound.
 */
export abstract class ReviewScheduleGateway {
  /** Creates the township's schedule, or replaces its timing and action. */
  abstract put(township: OrgUnit): Promise<void>;
  abstract describe(township: OrgUnit): Promise<ReviewScheduleView>;
  /** Opens the current half year's review now. */
  abstract trigger(township: OrgUnit): Promise<void>;
  abstract remove(township: OrgUnit): Promise<void>;
}
