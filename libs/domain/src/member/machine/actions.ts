import { type RecordedBy } from '../../kernel/principal';
import { type OrgUnit } from '../../kernel/org/org-unit';
import { type LocalDate } from '../../kernel/time/local-date';
import { type ApprovalRoute } from '../approval-routing';
import { type MeetingVote } from '../meeting-vote';
import { type ExtraNoticeKind } from '../rule-sets';
import { type MemberStanding } from '../sponsors';
import { type TrainingRecord } from '../time-rules';

/**
 * Every human action on a member-development case after step 1 (DOMAIN.md §1.2, §1.5). Facts that need
 * I/O (the acting org unit, the approval route, sponsors' standing) are resolved by the caller before the
 * action reaches the pure rules, so validation stays deterministic inside the workflow.
 */
interface ActionBase {
  /** Business date of the step (when it happened), not when it is entered. */
  readonly date: LocalDate;
  /** The org unit acting: a branch, its committee or meeting, a reviewing body, the approving committee. */
  readonly actingBody: OrgUnit;
  /** Document references kept in the dossier (minutes, forms, certificates). */
  readonly evidence?: readonly string[];
  /** Who entered it (the recorder of a collective decision, not the body that decided). */
  readonly recordedBy?: RecordedBy;
}

export type MemberAction =
  | (ActionBase & { readonly type: 'RECORD_TALK'; readonly talker: string; readonly summary: string })
  | (ActionBase & {
      readonly type: 'DETERMINE_ACTIVIST';
      readonly recommendation: 'PARTY_MEMBERS' | 'MASS_ORGANISATION';
    })
  | (ActionBase & { readonly type: 'FILE_ACTIVIST' })
  | (ActionBase & { readonly type: 'ASSIGN_CONTACTS'; readonly contacts: readonly MemberStanding[] })
  | (ActionBase & { readonly type: 'RECORD_ACTIVIST_VETTING'; readonly summary: string })
  | (ActionBase & { readonly type: 'PROPOSE_DEVELOPMENT_TARGET'; readonly opinionsHeard: readonly string[] })
  | (ActionBase & {
      readonly type: 'HIGHER_COMMITTEE_DECISION';
      readonly route: ApprovalRoute;
      readonly consent: boolean;
      readonly reason?: string;
    })
  | (ActionBase & { readonly type: 'START_NOTICE'; readonly end: LocalDate; readonly scope: string })
  | (ActionBase & {
      readonly type: 'RECORD_OBJECTION';
      readonly objection: string;
      /** A local notice (overlay); absent for the development-target notice of §13. */
      readonly notice?: ExtraNoticeKind;
    })
  | (ActionBase & {
      readonly type: 'START_LOCAL_NOTICE';
      readonly notice: ExtraNoticeKind;
      readonly end: LocalDate;
      readonly scope: string;
    })
  | (ActionBase & {
      readonly type: 'CLOSE_LOCAL_NOTICE';
      readonly notice: ExtraNoticeKind;
      readonly affectsEligibility: boolean;
      readonly finding: string;
    })
  | (ActionBase & {
      readonly type: 'CLOSE_NOTICE';
      readonly affectsEligibility: boolean;
      readonly finding: string;
    })
  | (ActionBase & { readonly type: 'DESIGNATE_SPONSORS'; readonly sponsors: readonly MemberStanding[] })
  | (ActionBase & {
      readonly type: 'RECORD_POLITICAL_REVIEW';
      readonly passed: boolean;
      readonly conclusionRef: string;
    })
  | (ActionBase & { readonly type: 'RECORD_TRAINING'; readonly training: TrainingRecord })
  | (ActionBase & { readonly type: 'COMMITTEE_REVIEW'; readonly passed: boolean; readonly opinion: string })
  | (ActionBase & {
      readonly type: 'PRE_REVIEW';
      readonly route: ApprovalRoute;
      readonly passed: boolean;
      readonly expectedDeparture: LocalDate | null;
      readonly departureJustification?: string;
      readonly applicationFormNumber?: string;
    })
  | (ActionBase & { readonly type: 'FILL_APPLICATION_FORM'; readonly formNumber: string })
  | (ActionBase & { readonly type: 'BRANCH_MEETING_ACCEPTANCE'; readonly vote: MeetingVote })
  | (ActionBase & {
      readonly type: 'REVIEW_BY_BODY';
      readonly route: ApprovalRoute;
      readonly opinion: string;
    })
  | (ActionBase & { readonly type: 'COMMITTEE_INTERVIEW'; readonly interviewer: string })
  | (ActionBase & {
      readonly type: 'APPROVE_ACCEPTANCE';
      readonly route: ApprovalRoute;
      readonly resolutionReceived: LocalDate;
      readonly approved: boolean;
      readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
      readonly specialCaseReason?: string;
    })
  | (ActionBase & { readonly type: 'FILE_WITH_ORG_DEPARTMENT' })
  | (ActionBase & { readonly type: 'ASSIGN_TO_GROUP'; readonly partyGroup: string })
  | (ActionBase & { readonly type: 'RECORD_OATH' })
  | (ActionBase & { readonly type: 'RECORD_PROBATION_VETTING'; readonly summary: string })
  | (ActionBase & { readonly type: 'APPLY_FOR_CONVERSION' })
  | (ActionBase & {
      readonly type: 'CONVERSION_MEETING';
      readonly vote: MeetingVote;
      readonly proposal: 'CONVERT' | 'EXTEND' | 'CANCEL';
      readonly extensionMonths?: number;
    })
  | (ActionBase & {
      readonly type: 'APPROVE_CONVERSION';
      readonly route: ApprovalRoute;
      readonly resolutionReceived: LocalDate;
      readonly approved: boolean;
      readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
    })
  | (ActionBase & { readonly type: 'ARCHIVE'; readonly documents: readonly string[] })
  | (ActionBase & { readonly type: 'WITHDRAW'; readonly reason: string })
  | (ActionBase & { readonly type: 'TRANSFER'; readonly toBranch: OrgUnit; readonly materialsRef: string })
  | (ActionBase & { readonly type: 'REFUSE_RECOGNITION'; readonly reason: string });

export type MemberActionType = MemberAction['type'];

/** The step each action records (0 for actions outside the 25 steps). */
export const ACTION_STEP: Record<MemberActionType, number> = {
  RECORD_TALK: 2,
  DETERMINE_ACTIVIST: 3,
  FILE_ACTIVIST: 4,
  ASSIGN_CONTACTS: 5,
  RECORD_ACTIVIST_VETTING: 6,
  PROPOSE_DEVELOPMENT_TARGET: 7,
  HIGHER_COMMITTEE_DECISION: 8,
  START_NOTICE: 8,
  RECORD_OBJECTION: 8,
  CLOSE_NOTICE: 8,
  START_LOCAL_NOTICE: 0,
  CLOSE_LOCAL_NOTICE: 0,
  DESIGNATE_SPONSORS: 9,
  RECORD_POLITICAL_REVIEW: 10,
  RECORD_TRAINING: 11,
  COMMITTEE_REVIEW: 12,
  PRE_REVIEW: 13,
  FILL_APPLICATION_FORM: 14,
  BRANCH_MEETING_ACCEPTANCE: 15,
  REVIEW_BY_BODY: 15,
  COMMITTEE_INTERVIEW: 16,
  APPROVE_ACCEPTANCE: 17,
  FILE_WITH_ORG_DEPARTMENT: 18,
  ASSIGN_TO_GROUP: 19,
  RECORD_OATH: 20,
  RECORD_PROBATION_VETTING: 21,
  APPLY_FOR_CONVERSION: 22,
  CONVERSION_MEETING: 23,
  APPROVE_CONVERSION: 24,
  ARCHIVE: 25,
  WITHDRAW: 0,
  TRANSFER: 0,
  REFUSE_RECOGNITION: 0,
};

/** The step a local notice comes before: activists (3), acceptance (15), conversion (23). */
export const LOCAL_NOTICE_STEP: Record<ExtraNoticeKind, number> = {
  ACTIVIST: 3,
  ACCEPTANCE: 15,
  CONVERSION: 23,
};

/** The step an action records in the dossier (local notices take the step they come before). */
export function stepOfAction(action: MemberAction): number {
  if (action.type === 'START_LOCAL_NOTICE' || action.type === 'CLOSE_LOCAL_NOTICE')
    return LOCAL_NOTICE_STEP[action.notice];
  if (action.type === 'RECORD_OBJECTION' && action.notice) return LOCAL_NOTICE_STEP[action.notice];
  return ACTION_STEP[action.type];
}
