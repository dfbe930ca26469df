import { type WorkingDayCalendar } from '../../kernel/calendar/working-days';
import { type OrgUnit } from '../../kernel/org/org-unit';
import { type LocalDate, compareLocalDates } from '../../kernel/time/local-date';
import { type EffectiveMemberRules, type ExtraNoticeKind } from '../rule-sets';
import { type MemberStage } from '../stages';
import { type TrainingRecord } from '../time-rules';

/** What a case has recorded so far: the facts every rule reads. Changed only by applyAction. */
export interface MemberCaseState {
  readonly caseId: string;
  readonly personId: string;
  readonly branch: OrgUnit;
  readonly applicationDate: LocalDate;
  readonly status: 'OPEN' | 'CLOSED';
  readonly stage: MemberStage;
  readonly outcome?: 'FULL_MEMBER' | 'PROBATION_CANCELLED' | 'WITHDRAWN' | 'NOT_RECOGNISED';
  readonly lastStep: number;
  /** Business date of the latest recorded action: no action may be dated before it. */
  readonly lastDate?: LocalDate;
  readonly transferredIn: boolean;
  readonly talkDate?: LocalDate;
  readonly activist?: {
    readonly date: LocalDate;
    readonly filedDate?: LocalDate;
    readonly contacts?: readonly string[];
    readonly vettings: readonly LocalDate[];
  };
  readonly target?: {
    readonly proposedDate: LocalDate;
    readonly consentDate?: LocalDate;
    readonly notice?: {
      readonly start: LocalDate;
      readonly end: LocalDate;
      readonly objections: readonly string[];
      readonly closed?: LocalDate;
    };
    readonly listedDate?: LocalDate;
    readonly sponsors?: readonly string[];
    readonly politicalReviewPassed?: boolean;
    readonly training?: TrainingRecord;
    readonly committeeReviewPassed?: boolean;
    readonly committeeReviewDate?: LocalDate;
    readonly preReviewDate?: LocalDate;
    readonly formNumber?: string;
  };
  readonly acceptance?: {
    readonly meetingDate: LocalDate;
    readonly reviewedBy: readonly string[];
    readonly interviewDate?: LocalDate;
    /** When the approving committee received the branch resolution (T8 runs from it). */
    readonly resolutionReceived?: LocalDate;
  };
  readonly probation?: {
    readonly start: LocalDate;
    readonly end: LocalDate;
    readonly approvalDate: LocalDate;
    readonly extensions: number;
    readonly filedDate?: LocalDate;
    readonly partyGroup?: string;
    readonly oathDate?: LocalDate;
    readonly vettings: readonly LocalDate[];
    readonly conversionAppliedDate?: LocalDate;
    readonly conversionMeeting?: {
      readonly date: LocalDate;
      readonly proposal: 'CONVERT' | 'EXTEND' | 'CANCEL';
      readonly extensionMonths?: number;
    };
    /** When the approving committee received the branch's conversion resolution (T12 runs from it). */
    readonly conversionResolutionReceived?: LocalDate;
    /** Review-only bodies (党总支 / 村党委) that reviewed the conversion resolution (DOMAIN.md §1.6). */
    readonly conversionReviewedBy?: readonly string[];
    readonly convertedDate?: LocalDate;
    readonly partyAgeFrom?: LocalDate;
  };
  readonly archivedDate?: LocalDate;
  /** Public notices a local overlay adds (before activists, acceptance, conversion). */
  readonly localNotices?: Partial<Record<ExtraNoticeKind, LocalNoticeRecord>>;
}

export interface LocalNoticeRecord {
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly objections: readonly string[];
  readonly closed?: LocalDate;
  /** The findings on objections affect eligibility: the gated step may not go ahead on this notice. */
  readonly affected?: boolean;
}

export type ExtraNotices = EffectiveMemberRules['extraNotices'];
export const NOTICE_KINDS: readonly ExtraNoticeKind[] = ['ACTIVIST', 'ACCEPTANCE', 'CONVERSION'];

/** Whether the case is at the point where the local notice of `kind` comes. */
export function localNoticeDue(s: MemberCaseState, kind: ExtraNoticeKind): boolean {
  switch (kind) {
    case 'ACTIVIST':
      return s.stage === 'APPLICANT' && !!s.talkDate;
    case 'ACCEPTANCE':
      return !!s.target?.formNumber && !s.acceptance;
    case 'CONVERSION':
      return !!s.probation?.conversionAppliedDate && !s.probation.conversionMeeting;
  }
}
export const localNoticeOpen = (s: MemberCaseState, kind: ExtraNoticeKind): boolean =>
  !!s.localNotices?.[kind] && !s.localNotices[kind].closed;
export const localNoticePassed = (s: MemberCaseState, kind: ExtraNoticeKind): boolean =>
  !!s.localNotices?.[kind]?.closed && !s.localNotices[kind].affected;
export const startableNotices = (s: MemberCaseState, extra: ExtraNotices): ExtraNoticeKind[] =>
  NOTICE_KINDS.filter(
    (kind) =>
      extra[kind] && localNoticeDue(s, kind) && !localNoticeOpen(s, kind) && !localNoticePassed(s, kind),
  );
export const openNotices = (s: MemberCaseState): ExtraNoticeKind[] =>
  NOTICE_KINDS.filter((kind) => localNoticeOpen(s, kind));

/** Stage changes and other facts other systems care about; the workflow turns them into CloudEvents. */
export type MemberCaseEvent =
  | { readonly type: 'activist-determined'; readonly date: LocalDate }
  | { readonly type: 'development-target-listed'; readonly date: LocalDate }
  | { readonly type: 'development-target-not-listed'; readonly date: LocalDate; readonly reason: string }
  | { readonly type: 'accepted-by-branch'; readonly date: LocalDate }
  | { readonly type: 'acceptance-rejected'; readonly date: LocalDate; readonly step: number }
  | {
      readonly type: 'probationary-admitted';
      readonly date: LocalDate;
      readonly probationStart: LocalDate;
      readonly probationEnd: LocalDate;
    }
  | { readonly type: 'converted'; readonly date: LocalDate; readonly partyAgeFrom: LocalDate }
  | {
      readonly type: 'probation-extended';
      readonly date: LocalDate;
      readonly months: number;
      readonly probationEnd: LocalDate;
    }
  | { readonly type: 'probationary-status-cancelled'; readonly date: LocalDate }
  | { readonly type: 'withdrawn'; readonly date: LocalDate; readonly reason: string }
  | {
      readonly type: 'transferred';
      readonly date: LocalDate;
      readonly fromBranchId: string;
      readonly toBranchId: string;
    }
  | { readonly type: 'not-recognised'; readonly date: LocalDate }
  | { readonly type: 'archived'; readonly date: LocalDate };

export interface CaseContext {
  readonly rules: EffectiveMemberRules;
  readonly calendar: WorkingDayCalendar;
  /** Today in China; no step may be dated in the future. */
  readonly today: LocalDate;
  /**
   * Rules added after cases were already running, switched on per case by the workflow (Temporal
   * `patched`), so that replaying an older case's history gives the outcomes it had. Absent means on.
   */
  readonly versions?: { readonly conversionReviews?: boolean; readonly conversionApplicationDate?: boolean };
  /**
   * When the approving committee received the branch resolution now awaiting approval (the T8/T12 anchor), once
   * the branch has reported it: the machine's deadlines and tasks read it.
   */
  readonly resolutionReceived?: LocalDate;
}

export function openCase(input: {
  caseId: string;
  personId: string;
  branch: OrgUnit;
  applicationDate: LocalDate;
}): MemberCaseState {
  return { ...input, status: 'OPEN', stage: 'APPLICANT', lastStep: 1, transferredIn: false };
}

/** Who has reviewed the resolution now awaiting approval: the acceptance, or the conversion decision. */
export function reviewedSoFar(state: MemberCaseState): readonly string[] {
  return state.stage === 'PROBATIONARY'
    ? (state.probation?.conversionReviewedBy ?? [])
    : (state.acceptance?.reviewedBy ?? []);
}

/** The archive set of §36: what goes into the personnel file (or the party-member file). */
export const ARCHIVE_SET = [
  '入党志愿书',
  '入党申请书',
  '培养考察登记表',
  '政审材料',
  '预备党员教育考察登记表',
  '转正申请书',
] as const;

/** The latest business date the case has recorded (for states from before `lastDate` was kept). */
export function latestCaseDate(state: MemberCaseState): LocalDate {
  const dates: (LocalDate | undefined)[] = [
    state.applicationDate,
    state.talkDate,
    state.activist?.date,
    state.activist?.filedDate,
    ...(state.activist?.vettings ?? []),
    state.target?.proposedDate,
    state.target?.consentDate,
    state.target?.notice?.start,
    state.target?.notice?.closed,
    state.target?.listedDate,
    state.target?.preReviewDate,
    state.acceptance?.meetingDate,
    state.acceptance?.interviewDate,
    state.probation?.approvalDate,
    state.probation?.filedDate,
    state.probation?.oathDate,
    ...(state.probation?.vettings ?? []),
    state.probation?.conversionAppliedDate,
    state.probation?.conversionMeeting?.date,
    state.probation?.convertedDate,
  ];
  return dates
    .filter((d): d is LocalDate => d !== undefined)
    .sort(compareLocalDates)
    .at(-1)!;
}
