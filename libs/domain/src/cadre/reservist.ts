import { type WorkingDayCalendar } from '../calendar/working-days';
import { parseNationalId } from '../identity/national-id';
import { checkCommitteeVote } from '../member/meeting-vote';
import { type OrgUnit, VILLAGE_ORG_KINDS } from '../org/org-unit';
import { ageOn } from '../targets/metrics';
import { type EducationLevel } from '../person/education';
import { type RuleViolation, violation } from '../rules/rule-violation';
import { type LocalDate, addDays, compareLocalDates, dateParts } from '../time/local-date';
import { type PoliticalStatus } from './programmes';
import {
  type NoticeAction,
  type PublicNoticeRecord,
  applyNoticeAction,
  checkNoticeAction,
  closeNotice,
} from './public-notice';
import { type NegativeRecord, negativeRecordApplies } from './qualification';
import {
  type ReserveCategory,
  type ReservePolicy,
  type ReserveStatus,
  type ReviewOutcome,
  ageOutDate,
  checkReserveEntry,
  checkReviewOutcome,
} from './reserve-pool';

/**
 * One reservist (后备力量) from recommendation to leaving the pool (DOMAIN §3). Entry is 三推二审一选一公示:
 * recommendations, the township's qualification review, joint vetting, the township committee's selection and a
 * public notice; then the semiannual reviews retain, list for inspection, use or remove, and age-out or a
 * negative event removes automatically. Pure: `validateReserveAction` says what may not be done,
 * `applyReserveAction` records it.
 */
export const RECOMMENDATION_CHANNELS = [
  'SELF', // 个人自荐
  'MEMBERS_AND_MASSES', // 党员群众推荐
  'ORGANISATION', // 组织推荐
] as const;
export type RecommendationChannel = (typeof RECOMMENDATION_CHANNELS)[number];

/** Where the entry stands: entering (with the last entry step passed), in the pool, or out of it. */
export type ReservistStatus = 'ENTERING' | ReserveStatus | 'NOT_ADMITTED';
export type ReserveEntryStep = 'RECOMMENDED' | 'QUALIFIED' | 'VETTED' | 'SELECTED';
export type RemovalCode = 'AGED_OUT' | 'NEGATIVE_EVENT' | 'REVIEW';

export interface ReservistState {
  readonly entryId: string;
  readonly personId: string;
  readonly villageId: string;
  readonly category: ReserveCategory;
  readonly birthDate: string;
  readonly status: ReservistStatus;
  readonly entryStep: ReserveEntryStep;
  readonly lastDate: LocalDate;
  readonly recommendations: readonly {
    readonly channel: RecommendationChannel;
    readonly by: string;
    readonly on: LocalDate;
  }[];
  readonly facts?: {
    readonly education: EducationLevel;
    readonly politicalStatus: PoliticalStatus;
    readonly negativeRecords: readonly NegativeRecord[];
  };
  /** Concerns the joint vetting raised (department: note), for the selection to weigh. */
  readonly vettingConcerns?: readonly string[];
  readonly notice?: PublicNoticeRecord;
  readonly enteredOn?: LocalDate;
  readonly inspection?: { readonly post: string; readonly on: LocalDate };
  readonly used?: { readonly cadreCaseId: string; readonly on: LocalDate };
  readonly left?: {
    readonly code: RemovalCode | 'NOT_ADMITTED';
    readonly reason: string;
    readonly on: LocalDate;
  };
  /** Review ids already decided for this entry, with the outcome kind. */
  readonly reviews: Readonly<Record<string, ReviewOutcome['kind']>>;
  readonly memberCaseId?: string;
}

interface Base {
  readonly date: LocalDate;
}

export type ReserveAction =
  | (Base & { readonly type: 'RECOMMEND'; readonly channel: RecommendationChannel; readonly by: string })
  | (Base & {
      readonly type: 'REVIEW_QUALIFICATION';
      readonly education: EducationLevel;
      readonly politicalStatus: PoliticalStatus;
      readonly negativeRecords: readonly NegativeRecord[];
    })
  | (Base & {
      readonly type: 'RECORD_VETTING';
      /** 联审: each department's answer; any FAIL keeps the candidate out. */
      readonly departments: readonly {
        readonly department: string;
        readonly result: 'PASS' | 'FAIL' | 'CONCERN';
        readonly note: string;
      }[];
    })
  | (Base & {
      readonly type: 'SELECT';
      readonly approved: boolean;
      readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
      readonly minutesRef: string;
      /** The committee's finding on the vetting's concerns; required to select when there were any. */
      readonly concernsFinding?: string;
    })
  | NoticeAction
  | (Base & { readonly type: 'DECIDE_REVIEW'; readonly reviewId: string; readonly outcome: ReviewOutcome })
  | (Base & { readonly type: 'REPORT_NEGATIVE_EVENT'; readonly record: NegativeRecord })
  | (Base & { readonly type: 'LINK_MEMBER_CASE'; readonly memberCaseId: string })
  /** Entered by the workflow on the day the reservist passes the age limit, never by a person. */
  | (Base & { readonly type: 'AGE_OUT' });
export type ReserveActionType = ReserveAction['type'];

/** Who records each action: the township committee runs the pool; the county may report negative events. */
export const RESERVE_ACTION_ACTORS: Record<
  Exclude<ReserveActionType, 'AGE_OUT'>,
  'TOWNSHIP' | 'TOWNSHIP_OR_COUNTY' | 'NOMINATOR'
> = {
  RECOMMEND: 'NOMINATOR',
  REVIEW_QUALIFICATION: 'TOWNSHIP',
  RECORD_VETTING: 'TOWNSHIP_OR_COUNTY',
  SELECT: 'TOWNSHIP',
  START_NOTICE: 'TOWNSHIP',
  RECORD_OBJECTION: 'TOWNSHIP',
  CLOSE_NOTICE: 'TOWNSHIP',
  DECIDE_REVIEW: 'TOWNSHIP',
  REPORT_NEGATIVE_EVENT: 'TOWNSHIP_OR_COUNTY',
  LINK_MEMBER_CASE: 'TOWNSHIP',
};

/** What the reserve-pool topic carries for an entry. */
export type ReservistEvent =
  | { readonly kind: 'recommended'; readonly date: LocalDate }
  | { readonly kind: 'admitted'; readonly date: LocalDate }
  | {
      readonly kind: 'not-admitted';
      readonly date: LocalDate;
      readonly reasons: readonly { readonly code: string; readonly reason: string }[];
    }
  | { readonly kind: 'retained'; readonly date: LocalDate; readonly reviewId: string }
  | {
      readonly kind: 'listed-for-inspection';
      readonly date: LocalDate;
      readonly reviewId: string;
      readonly post: string;
    }
  | {
      readonly kind: 'used';
      readonly date: LocalDate;
      readonly reviewId: string;
      readonly cadreCaseId: string;
    }
  | {
      readonly kind: 'removed';
      readonly date: LocalDate;
      readonly code: RemovalCode;
      readonly reason: string;
      readonly reviewId?: string;
    }
  | { readonly kind: 'member-case-linked'; readonly date: LocalDate; readonly memberCaseId: string };

export interface ReserveContext {
  readonly policy: ReservePolicy;
  readonly calendar: WorkingDayCalendar;
}

const ARTICLE = 'DOMAIN §3';
/** Entering or in the pool: the entry can still change. */
export const OPEN_RESERVIST_STATUSES: readonly ReservistStatus[] = [
  'ENTERING',
  'ACTIVE',
  'LISTED_FOR_INSPECTION',
];
/** In the pool (在库): the reserve strength a village has. */
export const IN_POOL_RESERVIST_STATUSES: readonly ReservistStatus[] = ['ACTIVE', 'LISTED_FOR_INSPECTION'];

export function isReservistOpen(state: ReservistState): boolean {
  return OPEN_RESERVIST_STATUSES.includes(state.status);
}

/**
 * Checks a recommendation before an entry exists: the unit is a village directly under a township, the ID
 * number is valid and matches the birth date, the candidate is within the policy's age limit, and the date is
 * not in the future.
 */
export function checkReserveRecommendation(input: {
  readonly village: OrgUnit;
  readonly parent: OrgUnit | undefined;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly recommendedOn: LocalDate;
  readonly today: LocalDate;
  readonly policy: ReservePolicy;
}): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (!VILLAGE_ORG_KINDS.has(input.village.kind) || input.parent?.kind !== 'TOWNSHIP_COMMITTEE') {
    violations.push(
      violation('NOT_A_VILLAGE_OF_A_TOWNSHIP', ARTICLE, `${input.village.name}不是乡镇党委下的村级党组织`),
    );
  }
  const parsed = parseNationalId(input.nationalId);
  if (!parsed.ok) {
    violations.push(violation('NATIONAL_ID_MALFORMED', 'GB 11643-1999', '公民身份号码不正确'));
  } else if (parsed.id.birthDate !== input.birthDate) {
    violations.push(violation('BIRTH_DATE_MISMATCH', 'GB 11643-1999', '出生日期与公民身份号码不一致'));
  } else {
    const age = ageOn(input.birthDate, input.recommendedOn);
    if (age > input.policy.maxAge) {
      violations.push(
        violation(
          'RESERVE_AGE_OVER_LIMIT',
          ARTICLE,
          `年龄${age}岁，后备力量一般不超过${input.policy.maxAge}岁`,
        ),
      );
    }
  }
  if (compareLocalDates(input.recommendedOn, input.today) > 0) {
    violations.push(violation('RECOMMENDATION_DATE_IN_FUTURE', null, '推荐日期不能晚于今天'));
  }
  return violations;
}

export function openReservist(input: {
  readonly entryId: string;
  readonly personId: string;
  readonly villageId: string;
  readonly category: ReserveCategory;
  readonly birthDate: string;
  readonly channel: RecommendationChannel;
  readonly by: string;
  readonly recommendedOn: LocalDate;
}): { state: ReservistState; events: ReservistEvent[] } {
  return {
    state: {
      entryId: input.entryId,
      personId: input.personId,
      villageId: input.villageId,
      category: input.category,
      birthDate: input.birthDate,
      status: 'ENTERING',
      entryStep: 'RECOMMENDED',
      lastDate: input.recommendedOn,
      recommendations: [{ channel: input.channel, by: input.by, on: input.recommendedOn }],
      reviews: {},
    },
    events: [{ kind: 'recommended', date: input.recommendedOn }],
  };
}

/** The entry step (while entering) or the pool status each action needs. */
const NEEDS: Record<ReserveActionType, readonly (ReserveEntryStep | ReservistStatus)[]> = {
  RECOMMEND: ['RECOMMENDED'],
  REVIEW_QUALIFICATION: ['RECOMMENDED'],
  RECORD_VETTING: ['QUALIFIED'],
  SELECT: ['VETTED'],
  START_NOTICE: ['SELECTED'],
  RECORD_OBJECTION: ['SELECTED'],
  CLOSE_NOTICE: ['SELECTED'],
  DECIDE_REVIEW: ['ACTIVE', 'LISTED_FOR_INSPECTION'],
  REPORT_NEGATIVE_EVENT: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
  LINK_MEMBER_CASE: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
  AGE_OUT: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
};

function stepAllows(state: ReservistState, type: ReserveActionType): boolean {
  const needs = NEEDS[type];
  return needs.includes(state.status) || (state.status === 'ENTERING' && needs.includes(state.entryStep));
}

/** Everything that forbids the action now; empty when it may be recorded. */
export function validateReserveAction(
  state: ReservistState,
  action: ReserveAction,
  ctx: ReserveContext,
): RuleViolation[] {
  if (!isReservistOpen(state)) {
    return [violation('RESERVE_ENTRY_CLOSED', ARTICLE, '该人员已出库、已使用或未入库')];
  }
  if (!stepAllows(state, action.type)) {
    return [
      violation('STEP_OUT_OF_ORDER', ARTICLE, `当前状态（${state.status}/${state.entryStep}）不能办理此步骤`),
    ];
  }
  if (compareLocalDates(action.date, state.lastDate) < 0) {
    return [
      violation(
        'DATE_BEFORE_PREVIOUS_STEP',
        null,
        `日期${action.date}早于已记录的上一步（${state.lastDate}）`,
      ),
    ];
  }
  switch (action.type) {
    case 'RECOMMEND':
      return state.recommendations.some((previous) => previous.channel === action.channel)
        ? [violation('RECOMMENDATION_CHANNEL_REPEATED', ARTICLE, '同一推荐渠道已推荐过')]
        : [];
    case 'RECORD_VETTING':
      if (action.departments.length === 0) {
        return [violation('VETTING_WITHOUT_DEPARTMENTS', ARTICLE, '联审须有部门意见')];
      }
      return action.departments.some((answer) => answer.result !== 'PASS' && !answer.note.trim())
        ? [violation('REASON_REQUIRED', null, '不通过或有疑虑须说明理由')]
        : [];
    case 'SELECT': {
      const violations = checkCommitteeVote(
        action.committeeVote,
        action.approved,
        '乡镇党委研究确定后备力量人选',
      );
      if (action.approved && state.vettingConcerns?.length && !action.concernsFinding?.trim()) {
        violations.push(violation('CONCERNS_NOT_ADDRESSED', ARTICLE, '联审提出的疑虑须在研究确定时作出结论'));
      }
      return violations;
    }
    case 'START_NOTICE':
    case 'RECORD_OBJECTION':
    case 'CLOSE_NOTICE':
      if (action.type === 'START_NOTICE' && state.notice) {
        return [violation('NOTICE_ALREADY_STARTED', null, '已公示')];
      }
      return checkNoticeAction(
        state.notice,
        action,
        { name: '公示', minWorkingDays: ctx.policy.noticeWorkingDays, article: ARTICLE, then: '入库' },
        ctx.calendar,
      );
    case 'DECIDE_REVIEW': {
      if (state.reviews[action.reviewId]) {
        return [violation('REVIEW_ALREADY_DECIDED', ARTICLE, '本次分析研判已对该人员作出结论')];
      }
      const outcome = checkReviewOutcome(state.status as ReserveStatus, action.outcome);
      if (outcome.length > 0) return outcome;
      if (action.outcome.kind === 'LIST_FOR_INSPECTION' && !action.outcome.post.trim()) {
        return [violation('POST_REQUIRED', ARTICLE, '列为考察对象须说明拟任岗位')];
      }
      return [];
    }
    case 'LINK_MEMBER_CASE':
      if (state.memberCaseId) return [violation('MEMBER_CASE_ALREADY_LINKED', null, '已关联入党流程')];
      return state.facts && ['PROBATIONARY_MEMBER', 'FULL_MEMBER'].includes(state.facts.politicalStatus)
        ? [violation('ALREADY_A_MEMBER', ARTICLE, '该后备力量已是党员')]
        : [];
    case 'AGE_OUT':
      return compareLocalDates(action.date, ageOutDate(state.birthDate, ctx.policy)) < 0
        ? [violation('NOT_AGED_OUT', ARTICLE, `${ageOutDate(state.birthDate, ctx.policy)}方超龄`)]
        : [];
    default:
      return [];
  }
}

/** Records a validated action: the new state and the events it produces. */
export function applyReserveAction(
  state: ReservistState,
  action: ReserveAction,
  ctx: ReserveContext,
): { state: ReservistState; events: ReservistEvent[] } {
  const date = action.date;
  const next: ReservistState = { ...state, lastDate: date };
  const notAdmitted = (
    reasons: readonly { code: string; reason: string }[],
    extra: Partial<ReservistState> = {},
  ): { state: ReservistState; events: ReservistEvent[] } => ({
    state: {
      ...next,
      ...extra,
      status: 'NOT_ADMITTED',
      left: { code: 'NOT_ADMITTED', reason: reasons.map((reason) => reason.reason).join('；'), on: date },
    },
    events: [{ kind: 'not-admitted', date, reasons }],
  });
  const remove = (code: RemovalCode, reason: string, reviewId?: string) => {
    if (state.status === 'ENTERING') return notAdmitted([{ code, reason }]);
    return {
      state: { ...next, status: 'REMOVED' as const, left: { code, reason, on: date } },
      events: [{ kind: 'removed' as const, date, code, reason, ...(reviewId ? { reviewId } : {}) }],
    };
  };
  switch (action.type) {
    case 'RECOMMEND':
      return {
        state: {
          ...next,
          recommendations: [...state.recommendations, { channel: action.channel, by: action.by, on: date }],
        },
        events: [],
      };
    case 'REVIEW_QUALIFICATION': {
      const facts = {
        education: action.education,
        politicalStatus: action.politicalStatus,
        negativeRecords: action.negativeRecords,
      };
      const failures = checkReserveEntry(
        {
          ...facts,
          birthDate: state.birthDate,
          category: state.category,
          recommendations: state.recommendations.length,
        },
        ctx.policy,
        date,
      );
      if (
        state.category === 'YOUNG_MEMBER' &&
        !['PROBATIONARY_MEMBER', 'FULL_MEMBER'].includes(action.politicalStatus)
      ) {
        failures.push(violation('RESERVE_CATEGORY_NEEDS_MEMBER', ARTICLE, '“优秀年轻党员”须是党员'));
      }
      return failures.length === 0
        ? { state: { ...next, facts, entryStep: 'QUALIFIED' }, events: [] }
        : notAdmitted(
            failures.map(({ code, message }) => ({ code, reason: message })),
            { facts },
          );
    }
    case 'RECORD_VETTING': {
      const failed = action.departments.filter((answer) => answer.result === 'FAIL');
      return failed.length > 0
        ? notAdmitted(
            failed.map((answer) => ({
              code: 'JOINT_VETTING_FAILED',
              reason: `${answer.department}：${answer.note}`,
            })),
          )
        : {
            state: {
              ...next,
              entryStep: 'VETTED',
              vettingConcerns: action.departments
                .filter((answer) => answer.result === 'CONCERN')
                .map((answer) => `${answer.department}：${answer.note}`),
            },
            events: [],
          };
    }
    case 'SELECT':
      return action.approved
        ? { state: { ...next, entryStep: 'SELECTED' }, events: [] }
        : notAdmitted([{ code: 'NOT_SELECTED', reason: '乡镇党委未确定为后备力量' }]);
    case 'START_NOTICE':
    case 'RECORD_OBJECTION':
      return { state: { ...next, notice: applyNoticeAction(state.notice, action) }, events: [] };
    case 'CLOSE_NOTICE': {
      const { notice, upheld } = closeNotice(state.notice!, action);
      return upheld.length > 0
        ? notAdmitted(upheld, { notice })
        : {
            state: { ...next, notice, status: 'ACTIVE', enteredOn: date },
            events: [{ kind: 'admitted', date }],
          };
    }
    case 'DECIDE_REVIEW': {
      const { outcome, reviewId } = action;
      const reviews = { ...state.reviews, [reviewId]: outcome.kind };
      const reviewed: ReservistState = { ...next, reviews };
      switch (outcome.kind) {
        case 'RETAIN': {
          const { inspection: _ended, ...rest } = reviewed;
          return { state: { ...rest, status: 'ACTIVE' }, events: [{ kind: 'retained', date, reviewId }] };
        }
        case 'LIST_FOR_INSPECTION':
          return {
            state: {
              ...reviewed,
              status: 'LISTED_FOR_INSPECTION',
              inspection: { post: outcome.post, on: date },
            },
            events: [{ kind: 'listed-for-inspection', date, reviewId, post: outcome.post }],
          };
        case 'USE':
          return {
            state: { ...reviewed, status: 'USED', used: { cadreCaseId: outcome.cadreCaseId, on: date } },
            events: [{ kind: 'used', date, reviewId, cadreCaseId: outcome.cadreCaseId }],
          };
        case 'REMOVE': {
          const removed = remove('REVIEW', outcome.reason, reviewId);
          return { state: { ...removed.state, reviews }, events: removed.events };
        }
      }
      break;
    }
    case 'REPORT_NEGATIVE_EVENT': {
      const facts = state.facts
        ? { ...state.facts, negativeRecords: [...state.facts.negativeRecords, action.record] }
        : undefined;
      // A negative-list item in its window removes the reservist at once (DOMAIN §3 动态调整).
      const outcome = negativeRecordApplies(action.record, date)
        ? remove('NEGATIVE_EVENT', '出现负面清单情形，自动出库')
        : { state: next, events: [] };
      return { state: { ...outcome.state, ...(facts ? { facts } : {}) }, events: outcome.events };
    }
    case 'LINK_MEMBER_CASE':
      return {
        state: { ...next, memberCaseId: action.memberCaseId },
        events: [{ kind: 'member-case-linked', date, memberCaseId: action.memberCaseId }],
      };
    case 'AGE_OUT':
      return remove('AGED_OUT', `超过${ctx.policy.maxAge}岁，自动出库`);
  }
  return { state: next, events: [] };
}

/** The day the workflow removes the reservist for age, while the entry is open. */
export function reservistAgeOutDate(state: ReservistState, policy: ReservePolicy): LocalDate | null {
  return isReservistOpen(state) ? ageOutDate(state.birthDate, policy) : null;
}

/** Half-year review periods (半年分析研判): "2026-H1" runs January–June, "2026-H2" July–December. */
export function reviewPeriodOf(date: LocalDate): {
  readonly id: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
} {
  const { year, month } = dateParts(date);
  const first = month <= 6;
  return {
    id: `${year}-${first ? 'H1' : 'H2'}`,
    start: `${year}-${first ? '01' : '07'}-01` as LocalDate,
    end: `${year}-${first ? '06-30' : '12-31'}` as LocalDate,
  };
}

/** The day a review opened on `openedOn` must be decided by. */
export function reviewDueDate(openedOn: LocalDate, policy: ReservePolicy): LocalDate {
  return addDays(openedOn, policy.reviewDays - 1);
}
