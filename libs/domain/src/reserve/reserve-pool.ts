import { type LocalDate, addYears } from '../kernel/time/local-date';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { ageOn } from '../targets/metrics';
import { type EducationLevel, meetsEducation } from '../person/education';
import { type NegativeRecord, negativeRecordApplies } from '../cadre/qualification';

/**
 * The village reserve pool (村两委后备库, DOMAIN §3): who may enter, the reviews that keep it current, and
 * whether each village holds enough reservists for its posts.
 */
export const RESERVE_CATEGORIES = [
  'LOCAL_ENTREPRENEUR', // 本村致富能手
  'RETURNING_MIGRANT', // 外出务工经商返乡人员
  'LOCAL_GRADUATE', // 本乡本土大学毕业生
  'VETERAN', // 退役军人
  'YOUNG_MEMBER', // 优秀年轻党员
] as const;
export type ReserveCategory = (typeof RESERVE_CATEGORIES)[number];

/** 三推二审一选一公示: recommendation rounds, two reviews, township selection, public notice. */
export const RESERVE_ENTRY_STEPS = ['RECOMMENDED', 'QUALIFIED', 'VETTED', 'SELECTED', 'NOTICED'] as const;

/** owip's model (DOMAIN §3): NORMAL → TO_INSPECT → ASSIGN / ABOLISH. */
export type ReserveStatus = 'ACTIVE' | 'LISTED_FOR_INSPECTION' | 'USED' | 'REMOVED';

export type ReviewOutcome =
  | { readonly kind: 'RETAIN' }
  | { readonly kind: 'REMOVE'; readonly reason: string }
  | { readonly kind: 'LIST_FOR_INSPECTION'; readonly post: string }
  | { readonly kind: 'USE'; readonly cadreCaseId: string };

/** Local policy, as data: entry criteria, cadence and the reserve each village must hold. */
export interface ReservePolicy {
  readonly maxAge: number;
  readonly minEducation: EducationLevel;
  /** Reservists each village must hold at least (DOMAIN §3: 1–2 ready 书记 candidates, 3–5 in older practice). */
  readonly minReservePerVillage: number;
  /** Reservists per 两委 post (1:2 post-to-reserve in one example). */
  readonly minReservePerPost: number;
  /** Posts each village reserves for (书记 and 主任; 1 where one person holds both, 一肩挑). */
  readonly postsPerVillage: number;
  /** Working days the entry notice (公示) runs at least. */
  readonly noticeWorkingDays: number;
  /** Days the township has to decide every entry of a review. */
  readonly reviewDays: number;
}

export const DEFAULT_RESERVE_POLICY: ReservePolicy = {
  maxAge: 35,
  minEducation: 'JUNIOR_COLLEGE',
  minReservePerVillage: 2,
  minReservePerPost: 2,
  postsPerVillage: 1,
  noticeWorkingDays: 5,
  reviewDays: 30,
};

export interface ReserveCandidate {
  readonly birthDate: string;
  readonly education: EducationLevel;
  readonly category: ReserveCategory;
  readonly negativeRecords: readonly NegativeRecord[];
  /** How many recommendation rounds named the candidate (个人自荐, 党员群众推荐, 组织推荐). */
  readonly recommendations: number;
}

/** Entry criteria: age, education, no negative-list item in its window, at least one recommendation. */
export function checkReserveEntry(
  candidate: ReserveCandidate,
  policy: ReservePolicy,
  onDate: LocalDate,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const age = ageOn(candidate.birthDate, onDate);
  if (age > policy.maxAge) {
    violations.push(
      violation('RESERVE_AGE_OVER_LIMIT', 'DOMAIN §3', `年龄${age}岁，后备力量一般不超过${policy.maxAge}岁`),
    );
  }
  if (!meetsEducation(candidate.education, policy.minEducation)) {
    violations.push(
      violation('RESERVE_EDUCATION_BELOW_MINIMUM', 'DOMAIN §3', '学历低于后备力量要求', 'education'),
    );
  }
  if (candidate.negativeRecords.some((record) => negativeRecordApplies(record, onDate))) {
    violations.push(
      violation(
        'RESERVE_NEGATIVE_LIST',
        'DOMAIN §2.2',
        '有负面清单情形，不能列为后备力量',
        'negativeRecords',
      ),
    );
  }
  if (candidate.recommendations < 1) {
    violations.push(violation('RESERVE_NOT_RECOMMENDED', 'DOMAIN §3', '须经推荐（三推）'));
  }
  return violations;
}

/** The day a reservist ages out: the day after the birthday past the age limit. */
export function ageOutDate(birthDate: string, policy: ReservePolicy): LocalDate {
  return addYears(birthDate as LocalDate, policy.maxAge + 1);
}

/** What a review may decide for an entry in its status. */
export function checkReviewOutcome(status: ReserveStatus, outcome: ReviewOutcome): RuleViolation[] {
  if (status === 'USED' || status === 'REMOVED') {
    return [violation('RESERVE_ENTRY_NOT_ACTIVE', null, '已使用或已出库的人员不再考察')];
  }
  if (outcome.kind === 'REMOVE' && !outcome.reason.trim()) {
    return [violation('REASON_REQUIRED', null, '出库须说明理由', 'reason')];
  }
  return [];
}

/** Villages holding fewer active reservists than the policy asks, and by how many. */
export function capacityShortfalls(
  villages: readonly { readonly id: string; readonly posts: number; readonly activeReservists: number }[],
  policy: ReservePolicy,
): {
  readonly villageId: string;
  readonly required: number;
  readonly active: number;
  readonly shortfall: number;
}[] {
  return villages.flatMap((village) => {
    const required = Math.max(policy.minReservePerVillage, village.posts * policy.minReservePerPost);
    return village.activeReservists < required
      ? [
          {
            villageId: village.id,
            required,
            active: village.activeReservists,
            shortfall: required - village.activeReservists,
          },
        ]
      : [];
  });
}
