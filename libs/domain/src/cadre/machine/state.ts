import { type WorkingDayCalendar } from '../../kernel/calendar/working-days';
import { type Transition } from '../../kernel/case-machine';
import { type OrgUnit, VILLAGE_ORG_KINDS, closedUnitViolation } from '../../kernel/org/org-unit';
import { type PublicNoticeRecord } from '../../kernel/public-notice';
import { type RefusalReason, type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../../kernel/time/local-date';
import { parseNationalId } from '../../identity/national-id';
import { type EducationLevel } from '../../person/education';
import { type ReserveCategory } from '../../reserve/reserve-pool';
import { ageOn } from '../../targets/metrics';
import { CADRE_POSTS, type CadreProgramme, type CadrePost } from '../programmes';
import { type CriterionFailure } from '../qualification';

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

/** What the HR systems hear (cadre topic): DOMAIN §2.3 and issue 4. */
export type CadreEvent =
  | { readonly type: 'nominated'; readonly date: LocalDate }
  | { readonly type: 'qualified'; readonly date: LocalDate }
  | {
      readonly type: 'disqualified';
      readonly date: LocalDate;
      readonly reasons: readonly RefusalReason[];
    }
  | {
      readonly type: 'appointed';
      readonly date: LocalDate;
      readonly post: CadrePost;
      readonly mode: 'APPOINTMENT' | 'ELECTION' | 'BY_ELECTION';
      readonly termEnd: LocalDate;
      readonly trialEnd: LocalDate;
      readonly education?: EducationLevel;
    }
  | { readonly type: 'trial-passed'; readonly date: LocalDate }
  | {
      readonly type: 'trial-extended';
      readonly date: LocalDate;
      readonly months: number;
      readonly trialEnd: LocalDate;
    }
  | { readonly type: 'trial-failed'; readonly date: LocalDate }
  | {
      readonly type: 'exited';
      readonly date: LocalDate;
      readonly destination: 'RESERVE_POOL' | 'RELEASED';
      readonly reason: string;
    };

export interface CadreContext {
  readonly programme: CadreProgramme;
  readonly calendar: WorkingDayCalendar;
  /**
   * Whether an exit to the reserve pool must name the reserve category (RESERVE_CATEGORY_REQUIRED). The rule
   * came after cases had exited without one: their workflows replay without it (see the cadre workflow's
   * `patched()`), every case started since has it.
   */
  readonly requireReserveCategory?: boolean;
}

/** Opening a recruitment case: P1, the nomination. */
export interface CadreCaseOpening {
  readonly caseId: string;
  readonly personId: string;
  readonly programme: CadreProgramme;
  readonly post: CadrePost;
  readonly villageId: string;
  readonly channel: NominationChannel;
  readonly nominatedOn: LocalDate;
}

export function openCadreCase(input: CadreCaseOpening): Transition<CadreCaseState, CadreEvent> {
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
    events: [{ type: 'nominated', date: input.nominatedOn }],
  };
}

/** The nominee's fields in the nomination's body (its `person`). */
const NATIONAL_ID = 'person.nationalId';
const BIRTH_DATE = 'person.birthDate';

/**
 * Checks a nomination before a case exists (everything knowable from the nomination itself): the programme
 * offers the post, the village is a village party organisation, the ID number is valid and matches the birth
 * date, the nominee's age is inside the programme's range, and the date is not in the future.
 * Each violation names the field of the nomination's body it concerns.
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
        'post',
      ),
    );
  }
  if (!VILLAGE_ORG_KINDS.has(village.kind)) {
    violations.push(violation('NOT_A_VILLAGE', null, `${village.name}不是村级党组织`, 'village'));
  }
  const closed = closedUnitViolation(village, '村干部招引', 'village');
  if (closed) {
    violations.push(closed);
  }
  const parsed = parseNationalId(input.nationalId);
  if (!parsed.ok) {
    violations.push(violation('NATIONAL_ID_MALFORMED', 'GB 11643-1999', '公民身份号码不正确', NATIONAL_ID));
  } else if (parsed.id.birthDate !== input.birthDate) {
    violations.push(
      violation('BIRTH_DATE_MISMATCH', 'GB 11643-1999', '出生日期与公民身份号码不一致', BIRTH_DATE),
    );
  } else {
    const age = ageOn(parsed.id.birthDate, nominatedOn);
    if (age < programme.criteria.minAge || age > programme.criteria.maxAge) {
      violations.push(
        violation(
          'AGE_OUT_OF_RANGE',
          programme.article,
          `年龄${age}岁，${programme.name}要求${programme.criteria.minAge}至${programme.criteria.maxAge}岁`,
          BIRTH_DATE,
        ),
      );
    }
  }
  if (compareLocalDates(nominatedOn, input.today) > 0) {
    violations.push(violation('NOMINATION_DATE_IN_FUTURE', null, '报名日期不能晚于今天', 'nominatedOn'));
  }
  return violations;
}
