import { type WorkingDayCalendar } from '../../kernel/calendar/working-days';
import { type Transition } from '../../kernel/case-machine';
import { type OrgUnit, VILLAGE_ORG_KINDS, closedUnitViolation } from '../../kernel/org/org-unit';
import { type PublicNoticeRecord } from '../../kernel/public-notice';
import { type RefusalReason, type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../../kernel/time/local-date';
import { type PoliticalStatus } from '../../cadre/programmes';
import { type NegativeRecord } from '../../cadre/qualification';
import { parseNationalId } from '../../identity/national-id';
import { type EducationLevel } from '../../person/education';
import { ageOn } from '../../targets/metrics';
import {
  type ReserveCategory,
  type ReservePolicy,
  type ReserveStatus,
  type ReviewOutcome,
} from '../reserve-pool';

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

/** What the reserve-pool topic carries for an entry. */
export type ReservistEvent =
  | { readonly type: 'recommended'; readonly date: LocalDate }
  | { readonly type: 'admitted'; readonly date: LocalDate }
  | {
      readonly type: 'not-admitted';
      readonly date: LocalDate;
      readonly reasons: readonly RefusalReason[];
    }
  | { readonly type: 'retained'; readonly date: LocalDate; readonly reviewId: string }
  | {
      readonly type: 'listed-for-inspection';
      readonly date: LocalDate;
      readonly reviewId: string;
      readonly post: string;
    }
  | {
      readonly type: 'used';
      readonly date: LocalDate;
      readonly reviewId: string;
      readonly cadreCaseId: string;
    }
  | {
      readonly type: 'removed';
      readonly date: LocalDate;
      readonly code: RemovalCode;
      readonly reason: string;
      readonly reviewId?: string;
    }
  | { readonly type: 'member-case-linked'; readonly date: LocalDate; readonly memberCaseId: string };

export interface ReserveContext {
  readonly policy: ReservePolicy;
  readonly calendar: WorkingDayCalendar;
}

export const RESERVE_ARTICLE = 'DOMAIN §3';
const ARTICLE = RESERVE_ARTICLE;
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
 * not in the future. Each violation names the field of the recommendation's body it concerns.
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
  const closed = closedUnitViolation(input.village, '后备力量推荐', 'village');
  if (closed) violations.push(closed);
  if (!VILLAGE_ORG_KINDS.has(input.village.kind) || input.parent?.kind !== 'TOWNSHIP_COMMITTEE') {
    violations.push(
      violation(
        'NOT_A_VILLAGE_OF_A_TOWNSHIP',
        ARTICLE,
        `${input.village.name}不是乡镇党委下的村级党组织`,
        'village',
      ),
    );
  }
  const parsed = parseNationalId(input.nationalId);
  if (!parsed.ok) {
    violations.push(
      violation('NATIONAL_ID_MALFORMED', 'GB 11643-1999', '公民身份号码不正确', 'person.nationalId'),
    );
  } else if (parsed.id.birthDate !== input.birthDate) {
    violations.push(
      violation('BIRTH_DATE_MISMATCH', 'GB 11643-1999', '出生日期与公民身份号码不一致', 'person.birthDate'),
    );
  } else {
    const age = ageOn(input.birthDate, input.recommendedOn);
    if (age > input.policy.maxAge) {
      violations.push(
        violation(
          'RESERVE_AGE_OVER_LIMIT',
          ARTICLE,
          `年龄${age}岁，后备力量一般不超过${input.policy.maxAge}岁`,
          'person.birthDate',
        ),
      );
    }
  }
  if (compareLocalDates(input.recommendedOn, input.today) > 0) {
    violations.push(
      violation('RECOMMENDATION_DATE_IN_FUTURE', null, '推荐日期不能晚于今天', 'recommendedOn'),
    );
  }
  return violations;
}

/** Opening a reserve entry: the first recommendation. */
export interface ReservistOpening {
  readonly entryId: string;
  readonly personId: string;
  readonly villageId: string;
  readonly category: ReserveCategory;
  readonly birthDate: string;
  readonly channel: RecommendationChannel;
  readonly by: string;
  readonly recommendedOn: LocalDate;
}

export function openReservist(input: ReservistOpening): Transition<ReservistState, ReservistEvent> {
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
    events: [{ type: 'recommended', date: input.recommendedOn }],
  };
}
