import { type WorkingDayCalendar } from '../calendar/working-days';
import { parseNationalId } from '../identity/national-id';
import { checkCommitteeVote } from '../member/meeting-vote';
import { type OrgUnit, VILLAGE_ORG_KINDS } from '../org/org-unit';
import { type EducationLevel } from '../person/education';
import { type RuleViolation, violation } from '../rules/rule-violation';
import { ageOn } from '../targets/metrics';
import { type LocalDate, addMonths, compareLocalDates } from '../time/local-date';
import { CADRE_POSTS, type CadreProgramme, type CadrePost, NATIONAL_MINIMUM } from './programmes';
import { type CadreApplicant, type CriterionFailure, assessQualification } from './qualification';
import {
  type NoticeAction,
  type PublicNoticeRecord,
  applyNoticeAction,
  checkNoticeAction,
  closeNotice,
} from './public-notice';
import { type ReserveCategory } from './reserve-pool';

/**
 * A recruitment case (DOMAIN §2.1, P1–P9): one application of one person to one programme and post.
 * Pure: `validateCadreAction` says what a step may not do, `applyCadreAction` records it.
 */
export type CadreStage =
  | 'NOMINATED' // P1 报名/推荐
  | 'QUALIFIED' // P2 资格审查 passed
  | 'JOINT_REVIEW' // P3 资格联审 under way
  | 'ASSESSMENT' // P4 考察 awaited
  | 'DECISION' // P5 乡镇党委会研究决定 awaited
  | 'NOTICE' // P6 任前公示 (to start or running)
  | 'PLACEMENT' // P7 appointment, or the election that fills an elected post
  | 'TRIAL' // P8 试用期
  | 'CONFIRMED' // P9 确认任用
  | 'EXITED'; // P9 退出（转入后备库或解聘）

export const NOMINATION_CHANNELS = ['SELF', 'VILLAGE', 'TOWNSHIP', 'EMPLOYER_OR_SCHOOL'] as const;
export type NominationChannel = (typeof NOMINATION_CHANNELS)[number];

export type CadreOutcome =
  | 'CONFIRMED'
  | 'EXITED'
  | 'DISQUALIFIED'
  | 'JOINT_REVIEW_FAILED'
  | 'ASSESSMENT_FAILED'
  | 'NOT_DECIDED'
  | 'NOTICE_OBJECTION_UPHELD'
  | 'NOT_ELECTED'
  | 'WITHDRAWN';

export type DepartmentResult = 'PASS' | 'FAIL' | 'CONCERN';

export interface CadreCaseState {
  readonly caseId: string;
  readonly personId: string;
  readonly programmeId: string;
  readonly post: CadrePost;
  /** The village the post is in (its 村党组织 org unit). */
  readonly villageId: string;
  readonly channel: NominationChannel;
  readonly nominatedOn: LocalDate;
  readonly stage: CadreStage;
  readonly status: 'OPEN' | 'CLOSED';
  readonly outcome?: CadreOutcome;
  readonly lastDate: LocalDate;
  readonly qualification?: {
    readonly on: LocalDate;
    readonly failures: readonly CriterionFailure[];
    /** As reviewed: carried on the appointment for the 8595 education shares. */
    readonly education?: EducationLevel;
  };
  readonly jointReview?: {
    readonly opened: LocalDate;
    readonly due: LocalDate;
    readonly answers: Readonly<
      Record<string, { readonly result: DepartmentResult; readonly note: string; readonly on: LocalDate }>
    >;
    readonly concernsResolved?: { readonly on: LocalDate; readonly finding: string };
  };
  readonly assessment?: {
    readonly on: LocalDate;
    readonly favourableShare: number;
    readonly interviewScore: number | null;
  };
  readonly decision?: { readonly on: LocalDate; readonly minutesRef: string };
  readonly notice?: PublicNoticeRecord;
  readonly placement?: {
    readonly mode: 'APPOINTMENT' | 'ELECTION' | 'BY_ELECTION';
    readonly on: LocalDate;
    readonly termEnd: LocalDate;
  };
  readonly trial?: { readonly start: LocalDate; readonly end: LocalDate; readonly extendedMonths: number };
  readonly exit?: {
    readonly on: LocalDate;
    readonly destination: 'RESERVE_POOL' | 'RELEASED';
    readonly reason: string;
    readonly reserveCategory?: ReserveCategory;
  };
  readonly filed?: { readonly on: LocalDate; readonly ref: string };
}

interface Base {
  readonly date: LocalDate;
}

export type CadreAction =
  | (Base & {
      readonly type: 'REVIEW_QUALIFICATION';
      readonly applicant: CadreApplicant;
      readonly committeeMemberIds: readonly string[];
    })
  | (Base & { readonly type: 'OPEN_JOINT_REVIEW' })
  | (Base & {
      readonly type: 'RECORD_DEPARTMENT_OPINION';
      readonly department: string;
      readonly result: DepartmentResult;
      readonly note: string;
    })
  | (Base & {
      readonly type: 'RESOLVE_CONCERNS';
      readonly finding: string;
      readonly affectsEligibility: boolean;
    })
  | (Base & {
      readonly type: 'RECORD_ASSESSMENT';
      /** 民主测评: how many took part, how many rated 好 or 较好. */
      readonly evaluation: { readonly participants: number; readonly favourable: number };
      readonly interviewScore: number | null;
    })
  | (Base & {
      readonly type: 'DECIDE';
      readonly approved: boolean;
      readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
      readonly minutesRef: string;
      /** For a 村党组织书记: the county org department was consulted first (DOMAIN §2.1 P5). */
      readonly countyConsultationRef?: string;
    })
  | NoticeAction
  | (Base & { readonly type: 'APPOINT'; readonly termEnd: LocalDate; readonly documentRef: string })
  | (Base & {
      readonly type: 'RECORD_ELECTION';
      readonly mode: 'ELECTION' | 'BY_ELECTION';
      readonly termEnd: LocalDate;
      /** 有选举权的人数, 参加投票的人数, 该人选得票. */
      readonly votes: { readonly eligible: number; readonly cast: number; readonly forCandidate: number };
      readonly meetingRef: string;
    })
  | (Base & {
      readonly type: 'REVIEW_TRIAL';
      readonly outcome: 'PASS' | 'EXTEND' | 'FAIL';
      readonly extensionMonths?: number;
      readonly exitTo?: 'RESERVE_POOL' | 'RELEASED';
      /** For an exit to the reserve pool: the category the township refers the person under. */
      readonly reserveCategory?: ReserveCategory;
      readonly opinion: string;
    })
  | (Base & { readonly type: 'WITHDRAW'; readonly reason: string })
  | (Base & { readonly type: 'FILE_WITH_COUNTY'; readonly ref: string });
export type CadreActionType = CadreAction['type'];

/** Who acts for each step: the township committee runs the case, the county keeps the register. */
export const CADRE_ACTION_ACTORS: Record<
  CadreActionType,
  'TOWNSHIP' | 'COUNTY_DEPARTMENT' | 'TOWNSHIP_OR_COUNTY'
> = {
  REVIEW_QUALIFICATION: 'TOWNSHIP',
  OPEN_JOINT_REVIEW: 'TOWNSHIP_OR_COUNTY',
  RECORD_DEPARTMENT_OPINION: 'COUNTY_DEPARTMENT',
  RESOLVE_CONCERNS: 'TOWNSHIP',
  RECORD_ASSESSMENT: 'TOWNSHIP',
  DECIDE: 'TOWNSHIP',
  START_NOTICE: 'TOWNSHIP',
  RECORD_OBJECTION: 'TOWNSHIP',
  CLOSE_NOTICE: 'TOWNSHIP',
  APPOINT: 'TOWNSHIP',
  RECORD_ELECTION: 'TOWNSHIP',
  REVIEW_TRIAL: 'TOWNSHIP',
  WITHDRAW: 'TOWNSHIP',
  FILE_WITH_COUNTY: 'COUNTY_DEPARTMENT',
};

/** What the HR systems hear (cadre topic): DOMAIN §2.3 and issue 4. */
export type CadreEvent =
  | { readonly kind: 'nominated'; readonly date: LocalDate }
  | { readonly kind: 'qualified'; readonly date: LocalDate }
  | {
      readonly kind: 'disqualified';
      readonly date: LocalDate;
      readonly reasons: readonly { code: string; reason: string }[];
    }
  | {
      readonly kind: 'appointed';
      readonly date: LocalDate;
      readonly post: CadrePost;
      readonly mode: 'APPOINTMENT' | 'ELECTION' | 'BY_ELECTION';
      readonly termEnd: LocalDate;
      readonly trialEnd: LocalDate;
      readonly education?: EducationLevel;
    }
  | { readonly kind: 'trial-passed'; readonly date: LocalDate }
  | {
      readonly kind: 'trial-extended';
      readonly date: LocalDate;
      readonly months: number;
      readonly trialEnd: LocalDate;
    }
  | { readonly kind: 'trial-failed'; readonly date: LocalDate }
  | {
      readonly kind: 'exited';
      readonly date: LocalDate;
      readonly destination: 'RESERVE_POOL' | 'RELEASED';
      readonly reason: string;
    };

export interface CadreContext {
  readonly programme: CadreProgramme;
  readonly calendar: WorkingDayCalendar;
}

const ARTICLE_NOTICE = NATIONAL_MINIMUM.article;
const ARTICLE_ELECTION = '村民委员会组织法 §15';

export function openCadreCase(input: {
  readonly caseId: string;
  readonly personId: string;
  readonly programme: CadreProgramme;
  readonly post: CadrePost;
  readonly villageId: string;
  readonly channel: NominationChannel;
  readonly nominatedOn: LocalDate;
}): { state: CadreCaseState; events: CadreEvent[] } {
  return {
    state: {
      caseId: input.caseId,
      personId: input.personId,
      programmeId: input.programme.id,
      post: input.post,
      villageId: input.villageId,
      channel: input.channel,
      nominatedOn: input.nominatedOn,
      stage: 'NOMINATED',
      status: 'OPEN',
      lastDate: input.nominatedOn,
    },
    events: [{ kind: 'nominated', date: input.nominatedOn }],
  };
}

/**
 * Checks a nomination before a case exists (everything knowable from the nomination itself): the programme
 * offers the post, the village is a village party organisation, the ID number is valid and matches the birth
 * date, the nominee's age is inside the programme's range, and the date is not in the future.
 */
export function checkNomination(input: {
  readonly programme: CadreProgramme;
  readonly post: CadrePost;
  readonly village: OrgUnit;
  readonly nationalId: string;
  readonly birthDate: string;
  readonly nominatedOn: LocalDate;
  readonly today: LocalDate;
}): RuleViolation[] {
  const { programme, post, village, nominatedOn } = input;
  const violations: RuleViolation[] = [];
  if (!programme.posts.includes(post)) {
    violations.push(
      violation(
        'POST_NOT_IN_PROGRAMME',
        programme.article,
        `${programme.name}不设${CADRE_POSTS[post].name}岗位`,
      ),
    );
  }
  if (!VILLAGE_ORG_KINDS.has(village.kind)) {
    violations.push(violation('NOT_A_VILLAGE', null, `${village.name}不是村级党组织`));
  }
  const parsed = parseNationalId(input.nationalId);
  if (!parsed.ok) {
    violations.push(violation('NATIONAL_ID_MALFORMED', 'GB 11643-1999', '公民身份号码不正确'));
  } else if (parsed.id.birthDate !== input.birthDate) {
    violations.push(violation('BIRTH_DATE_MISMATCH', 'GB 11643-1999', '出生日期与公民身份号码不一致'));
  } else {
    const age = ageOn(parsed.id.birthDate, nominatedOn);
    if (age < programme.criteria.minAge || age > programme.criteria.maxAge) {
      violations.push(
        violation(
          'AGE_OUT_OF_RANGE',
          programme.article,
          `年龄${age}岁，${programme.name}要求${programme.criteria.minAge}至${programme.criteria.maxAge}岁`,
        ),
      );
    }
  }
  if (compareLocalDates(nominatedOn, input.today) > 0) {
    violations.push(violation('NOMINATION_DATE_IN_FUTURE', null, '报名日期不能晚于今天'));
  }
  return violations;
}

/** The stage each action needs. */
const NEEDS: Record<CadreActionType, readonly CadreStage[]> = {
  REVIEW_QUALIFICATION: ['NOMINATED'],
  OPEN_JOINT_REVIEW: ['QUALIFIED'],
  RECORD_DEPARTMENT_OPINION: ['JOINT_REVIEW'],
  RESOLVE_CONCERNS: ['JOINT_REVIEW'],
  RECORD_ASSESSMENT: ['ASSESSMENT'],
  DECIDE: ['DECISION'],
  START_NOTICE: ['NOTICE'],
  RECORD_OBJECTION: ['NOTICE'],
  CLOSE_NOTICE: ['NOTICE'],
  APPOINT: ['PLACEMENT'],
  RECORD_ELECTION: ['PLACEMENT'],
  REVIEW_TRIAL: ['TRIAL'],
  WITHDRAW: ['NOMINATED', 'QUALIFIED', 'JOINT_REVIEW', 'ASSESSMENT', 'DECISION', 'NOTICE', 'PLACEMENT'],
  FILE_WITH_COUNTY: ['CONFIRMED', 'EXITED'],
};

function jointReviewState(state: CadreCaseState, programme: CadreProgramme) {
  const answers = state.jointReview?.answers ?? {};
  const pending = programme.jointReviewDepartments.filter((department) => !answers[department]);
  const concerns = Object.values(answers).some((answer) => answer.result === 'CONCERN');
  return { pending, concerns, resolved: !!state.jointReview?.concernsResolved };
}

/** Everything that forbids the action now; empty when it may be recorded. */
export function validateCadreAction(
  state: CadreCaseState,
  action: CadreAction,
  ctx: CadreContext,
): RuleViolation[] {
  const { programme, calendar } = ctx;
  if (state.status === 'CLOSED') {
    return [violation('CASE_CLOSED', null, '案件已办结')];
  }
  if (!NEEDS[action.type].includes(state.stage)) {
    return [violation('STEP_OUT_OF_ORDER', null, `当前阶段（${state.stage}）不能办理此步骤`)];
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
    case 'RECORD_DEPARTMENT_OPINION': {
      if (!programme.jointReviewDepartments.includes(action.department)) {
        return [
          violation('DEPARTMENT_NOT_IN_JOINT_REVIEW', programme.article, `${action.department}不是联审部门`),
        ];
      }
      if (state.jointReview?.answers[action.department]) {
        return [violation('DEPARTMENT_ALREADY_ANSWERED', null, `${action.department}已反馈联审意见`)];
      }
      return action.result !== 'PASS' && !action.note.trim()
        ? [violation('REASON_REQUIRED', null, '不通过或有疑虑须说明理由')]
        : [];
    }
    case 'RESOLVE_CONCERNS': {
      const review = jointReviewState(state, programme);
      if (!review.concerns) return [violation('NO_CONCERNS', null, '联审没有提出疑虑')];
      return review.pending.length > 0
        ? [violation('JOINT_REVIEW_PENDING', programme.article, `尚待反馈：${review.pending.join('、')}`)]
        : [];
    }
    case 'RECORD_ASSESSMENT': {
      const { participants, favourable } = action.evaluation;
      if (
        !Number.isInteger(participants) ||
        participants <= 0 ||
        favourable < 0 ||
        favourable > participants
      ) {
        return [violation('EVALUATION_INCONSISTENT', null, '民主测评人数或票数不正确')];
      }
      return action.interviewScore !== null && (action.interviewScore < 0 || action.interviewScore > 100)
        ? [violation('SCORE_OUT_OF_RANGE', null, '面试成绩为0至100分')]
        : [];
    }
    case 'DECIDE': {
      const violations = checkCommitteeVote(action.committeeVote, action.approved, '乡镇党委集体研究决定');
      if (state.post === 'PARTY_SECRETARY' && action.approved && !action.countyConsultationRef) {
        violations.push(violation('COUNTY_CONSULTATION_REQUIRED', null, '村党组织书记人选须先报县委组织部'));
      }
      return violations;
    }
    case 'START_NOTICE':
    case 'RECORD_OBJECTION':
    case 'CLOSE_NOTICE':
      return checkNoticeAction(
        state.notice,
        action,
        {
          name: '任前公示',
          minWorkingDays: programme.noticeWorkingDays,
          article: ARTICLE_NOTICE,
          then: '办理任职',
        },
        calendar,
      );
    case 'APPOINT':
      return CADRE_POSTS[state.post].filledBy === 'ELECTION'
        ? [
            violation(
              'ELECTED_POST_CANNOT_BE_APPOINTED',
              ARTICLE_ELECTION,
              `${CADRE_POSTS[state.post].name}由选举产生，须记录选举或补选结果`,
            ),
          ]
        : [];
    case 'RECORD_ELECTION': {
      if (CADRE_POSTS[state.post].filledBy !== 'ELECTION') {
        return [
          violation('POST_IS_NOT_ELECTED', null, `${CADRE_POSTS[state.post].name}不经选举，由乡镇党委聘任`),
        ];
      }
      const { eligible, cast, forCandidate } = action.votes;
      return eligible > 0 && cast <= eligible && forCandidate <= cast && cast >= 0 && forCandidate >= 0
        ? []
        : [violation('VOTES_INCONSISTENT', ARTICLE_ELECTION, '选举人数或票数不正确')];
    }
    case 'REVIEW_TRIAL': {
      const trial = state.trial!;
      if (compareLocalDates(action.date, trial.end) < 0 && action.outcome !== 'FAIL') {
        return [violation('TRIAL_NOT_ENDED', null, `试用期至${trial.end}届满`)];
      }
      if (action.outcome === 'EXTEND') {
        const months = action.extensionMonths ?? 0;
        if (trial.extendedMonths > 0)
          return [violation('TRIAL_ALREADY_EXTENDED', null, '试用期只能延长一次')];
        if (!Number.isInteger(months) || months < 1 || months > programme.maxTrialExtensionMonths) {
          return [
            violation(
              'TRIAL_EXTENSION_OUT_OF_RANGE',
              null,
              `延长1至${programme.maxTrialExtensionMonths}个月`,
            ),
          ];
        }
      }
      return action.outcome === 'FAIL' && !action.exitTo
        ? [violation('EXIT_DESTINATION_REQUIRED', null, '须说明转入后备库或解聘')]
        : [];
    }
    case 'WITHDRAW':
      return action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由')];
    default:
      return [];
  }
}

/** Records a validated action: the new state and the events it produces. */
export function applyCadreAction(
  state: CadreCaseState,
  action: CadreAction,
  ctx: CadreContext,
): { state: CadreCaseState; events: CadreEvent[] } {
  const { programme, calendar } = ctx;
  const date = action.date;
  const next = { ...state, lastDate: date };
  const close = (outcome: CadreOutcome, extra: Partial<CadreCaseState> = {}) => ({
    ...next,
    ...extra,
    status: 'CLOSED' as const,
    outcome,
  });
  switch (action.type) {
    case 'REVIEW_QUALIFICATION': {
      const failures = assessQualification({
        programme,
        post: state.post,
        villageId: state.villageId,
        applicant: action.applicant,
        committeeMemberIds: action.committeeMemberIds,
        onDate: date,
      });
      const qualification = { on: date, failures, education: action.applicant.education };
      return failures.length === 0
        ? { state: { ...next, qualification, stage: 'QUALIFIED' }, events: [{ kind: 'qualified', date }] }
        : {
            state: close('DISQUALIFIED', { qualification }),
            events: [
              { kind: 'disqualified', date, reasons: failures.map(({ code, reason }) => ({ code, reason })) },
            ],
          };
    }
    case 'OPEN_JOINT_REVIEW':
      return {
        state: {
          ...next,
          stage: 'JOINT_REVIEW',
          jointReview: {
            opened: date,
            due: calendar.lastDayOfPeriod(date, programme.jointReviewWorkingDays).value,
            answers: {},
          },
        },
        events: [],
      };
    case 'RECORD_DEPARTMENT_OPINION': {
      const review = state.jointReview!;
      const answers = {
        ...review.answers,
        [action.department]: { result: action.result, note: action.note, on: date },
      };
      const withAnswer = { ...next, jointReview: { ...review, answers } };
      if (action.result === 'FAIL') {
        return {
          state: close('JOINT_REVIEW_FAILED', { jointReview: withAnswer.jointReview }),
          events: [
            {
              kind: 'disqualified',
              date,
              reasons: [{ code: 'JOINT_REVIEW_FAILED', reason: `${action.department}：${action.note}` }],
            },
          ],
        };
      }
      const status = jointReviewState(withAnswer, programme);
      const done = status.pending.length === 0 && !status.concerns;
      return { state: done ? { ...withAnswer, stage: 'ASSESSMENT' } : withAnswer, events: [] };
    }
    case 'RESOLVE_CONCERNS': {
      const jointReview = { ...state.jointReview!, concernsResolved: { on: date, finding: action.finding } };
      return action.affectsEligibility
        ? {
            state: close('JOINT_REVIEW_FAILED', { jointReview }),
            events: [
              {
                kind: 'disqualified',
                date,
                reasons: [{ code: 'JOINT_REVIEW_CONCERN_UPHELD', reason: action.finding }],
              },
            ],
          }
        : { state: { ...next, jointReview, stage: 'ASSESSMENT' }, events: [] };
    }
    case 'RECORD_ASSESSMENT': {
      const favourableShare = action.evaluation.favourable / action.evaluation.participants;
      const assessment = { on: date, favourableShare, interviewScore: action.interviewScore };
      // 民主测评: more than half rate the candidate 好 or 较好; an interview, where held, is passed at 60.
      const passed = favourableShare > 0.5 && (action.interviewScore === null || action.interviewScore >= 60);
      return passed
        ? { state: { ...next, assessment, stage: 'DECISION' }, events: [] }
        : {
            state: close('ASSESSMENT_FAILED', { assessment }),
            events: [
              { kind: 'disqualified', date, reasons: [{ code: 'ASSESSMENT_FAILED', reason: '考察未通过' }] },
            ],
          };
    }
    case 'DECIDE':
      return action.approved
        ? {
            state: { ...next, decision: { on: date, minutesRef: action.minutesRef }, stage: 'NOTICE' },
            events: [],
          }
        : {
            state: close('NOT_DECIDED'),
            events: [
              { kind: 'disqualified', date, reasons: [{ code: 'NOT_DECIDED', reason: '乡镇党委会未同意' }] },
            ],
          };
    case 'START_NOTICE':
    case 'RECORD_OBJECTION':
      return { state: { ...next, notice: applyNoticeAction(state.notice, action) }, events: [] };
    case 'CLOSE_NOTICE': {
      const { notice, upheld } = closeNotice(state.notice!, action);
      return upheld.length > 0
        ? {
            state: close('NOTICE_OBJECTION_UPHELD', { notice }),
            events: [{ kind: 'disqualified', date, reasons: upheld }],
          }
        : { state: { ...next, notice, stage: 'PLACEMENT' }, events: [] };
    }
    case 'APPOINT':
    case 'RECORD_ELECTION': {
      const mode = action.type === 'APPOINT' ? 'APPOINTMENT' : action.mode;
      if (action.type === 'RECORD_ELECTION') {
        const { eligible, cast, forCandidate } = action.votes;
        // 选举有效须过半数有选举权的人参加投票，候选人获得参加投票的人过半数的选票始得当选.
        if (!(2 * cast > eligible && 2 * forCandidate > cast)) {
          return {
            state: close('NOT_ELECTED'),
            events: [{ kind: 'disqualified', date, reasons: [{ code: 'NOT_ELECTED', reason: '未当选' }] }],
          };
        }
      }
      const trial = { start: date, end: addMonths(date, programme.trialMonths), extendedMonths: 0 };
      return {
        state: { ...next, stage: 'TRIAL', placement: { mode, on: date, termEnd: action.termEnd }, trial },
        events: [
          {
            kind: 'appointed',
            date,
            post: state.post,
            mode,
            termEnd: action.termEnd,
            trialEnd: trial.end,
            ...(state.qualification?.education ? { education: state.qualification.education } : {}),
          },
        ],
      };
    }
    case 'REVIEW_TRIAL': {
      const trial = state.trial!;
      if (action.outcome === 'PASS') {
        return { state: { ...next, stage: 'CONFIRMED' }, events: [{ kind: 'trial-passed', date }] };
      }
      if (action.outcome === 'EXTEND') {
        const months = action.extensionMonths!;
        const extended = { ...trial, end: addMonths(trial.end, months), extendedMonths: months };
        return {
          state: { ...next, trial: extended },
          events: [{ kind: 'trial-extended', date, months, trialEnd: extended.end }],
        };
      }
      const exit = {
        on: date,
        destination: action.exitTo!,
        reason: action.opinion,
        ...(action.reserveCategory ? { reserveCategory: action.reserveCategory } : {}),
      };
      return {
        state: { ...next, stage: 'EXITED', exit },
        events: [
          { kind: 'trial-failed', date },
          { kind: 'exited', date, destination: exit.destination, reason: exit.reason },
        ],
      };
    }
    case 'WITHDRAW':
      return { state: close('WITHDRAWN'), events: [] };
    case 'FILE_WITH_COUNTY':
      return {
        state: {
          ...next,
          filed: { on: date, ref: action.ref },
          status: 'CLOSED',
          outcome: state.stage === 'CONFIRMED' ? 'CONFIRMED' : 'EXITED',
        },
        events: [],
      };
  }
}

/**
 * What the case owes by a date a rule sets: the departments' joint-review answers, and the trial review when
 * the trial ends. (The notice's end only allows the next step; it is in `notice.end`.)
 */
export function cadreCaseDeadlines(
  state: CadreCaseState,
): { readonly kind: string; readonly due: LocalDate }[] {
  if (state.status === 'CLOSED') return [];
  if (state.stage === 'JOINT_REVIEW' && state.jointReview) {
    return [{ kind: 'JOINT_REVIEW_DUE', due: state.jointReview.due }];
  }
  if (state.stage === 'TRIAL' && state.trial) return [{ kind: 'TRIAL_END', due: state.trial.end }];
  return [];
}
