import { type ImportProvenance, type RecordedBy } from '@app/domain';

import { type CaseEventCommand, type CaseTaskCommand } from '../case-commands';
import { type PersonIdentity } from '../person';
import { type ApplicantProfile } from './applicant-facts';
import { type ApplicationReceivedV1 } from './application-received.v1';

/** A case as the API shows it (read model). The national ID number is masked. */
export interface MemberCaseView {
  readonly id: string;
  readonly workflowId: string;
  readonly ruleSet: ApplicationReceivedV1['ruleSet'];
  readonly stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' | 'PROBATIONARY' | 'FULL_MEMBER';
  readonly currentStep: number;
  readonly status: 'OPEN' | 'CLOSED';
  readonly applicationDate: string;
  readonly branchId: string;
  readonly applicant: {
    readonly personId: string;
    readonly name: string;
    readonly nationalIdMasked: string;
    readonly gender: 'MALE' | 'FEMALE';
    readonly birthDate: string;
  };
  readonly createdAt: string;
}

/** Input of the activity that records step 1; validated by the API before the workflow starts. */
export type RecordApplicationCommand = RecordApplicationFields & ApplicantReference;

/**
 * The applicant: the person row the API ensured before starting the workflow, or, in histories recorded
 * before that, the identity itself (resolved to the person row by the activity).
 */
export type ApplicantReference = { readonly personId: string } | PersonIdentity;

export interface RecordApplicationFields {
  readonly caseId: string;
  readonly workflowId: string;
  /** Outbox/CloudEvent id, generated in the workflow so that retries reuse it. */
  readonly eventId: string;
  readonly applicationDate: string;
  readonly ruleSet: ApplicationReceivedV1['ruleSet'];
  readonly branchId: string;
  /** Structure facts the branch recorded (updated on the person when given). */
  readonly profile?: ApplicantProfile;
  /** Who entered it (null only in histories from before authentication). */
  readonly recordedBy?: RecordedBy | null;
  /** The open tasks once the application is recorded (the talk, due within a month). */
  readonly tasks: readonly CaseTaskCommand[];
  /** Set when the case was brought in from paper (its later steps follow as imported records). */
  readonly imported?: ImportProvenance;
}

/** Input of the activity that records a case brought in from paper: step 1 and its history, at once. */
export interface RecordImportedMemberCaseCommand {
  readonly application: RecordApplicationFields & { readonly personId: string };
  readonly history: readonly RecordMemberActionCommand[];
}

/** Input of the activity that records one validated action (steps 2–25 and the negative paths). */
export interface RecordMemberActionCommand {
  readonly caseId: string;
  /** Dossier record id, generated in the workflow so that retries reuse it (idempotency key). */
  readonly recordId: string;
  readonly step: number;
  readonly action: {
    readonly type: string;
    readonly date: string;
    readonly actingBodyId: string;
    readonly recordedBy?: RecordedBy | null;
    readonly evidence: readonly string[];
    /** The action's own facts (votes, opinions, dates…), as entered; org units reduced to id and name. */
    readonly data: Readonly<Record<string, unknown>>;
  };
  /** The case after the action, for the read model. */
  readonly after: {
    readonly stage: MemberCaseView['stage'];
    readonly lastStep: number;
    readonly status: MemberCaseView['status'];
    readonly branchId: string;
    /** Candidate, sponsors and cultivation contacts after the action (they must stand aside). */
    readonly standAsidePersonIds?: readonly string[];
  };
  /** The case's open tasks after the action; they replace the previous ones. */
  readonly tasks: readonly CaseTaskCommand[];
  readonly events: readonly CaseEventCommand[];
}

/** A deadline of the case reached its warning date or passed (T1, T2, T7, T8, T9, T12). */
export interface RecordDeadlineSignalCommand {
  readonly caseId: string;
  readonly eventId: string;
  readonly level: 'WARNING' | 'OVERDUE';
  readonly deadline: { readonly kind: string; readonly due: string; readonly hard: boolean };
  readonly occurredOn: string;
}
