import { CADRE_PROGRAMMES } from '../cadre/programmes';
import { type EducationLevel, meetsEducation } from '../person/education';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';

/** KPI metrics counted per org unit and year (DOMAIN.md §4.1). */
export const TARGET_METRICS = {
  applicants: 'applicants', // 入党申请人 received
  activists: 'activists', // 入党积极分子 determined
  developmentTargets: 'development-targets', // 发展对象 listed
  newProbationaryMembers: 'new-probationary-members', // 预备党员 approved (发展党员数)
  conversions: 'conversions', // 转正
  extensions: 'probation-extensions', // 延长预备期
  cancellations: 'probation-cancellations', // 取消预备党员资格
  // Structure of the new members (党内统计 categories; the county plan gives quotas for each).
  newFemaleMembers: 'new-probationary-members-female', // 发展女党员
  newMembersAged35OrUnder: 'new-probationary-members-aged-35-or-under', // 发展35岁及以下党员
  newMembersHighSchoolOrAbove: 'new-probationary-members-high-school-or-above', // 高中及以上学历
  newMembersCollegeOrAbove: 'new-probationary-members-college-or-above', // 大专及以上学历
  newFrontLineMembers: 'new-probationary-members-front-line', // 生产、工作一线
  newFarmerMembers: 'new-probationary-members-farmers-herders-fishers', // 农牧渔民
  newNewSectorMembers: 'new-probationary-members-new-sectors', // 新兴领域
  newMinorityMembers: 'new-probationary-members-ethnic-minority', // 少数民族
  // Village cadre recruitment, all programmes (DOMAIN §4.2 returnee placements by stage).
  cadreRecruitsRegistered: 'cadre-recruits-registered', // 报名/推荐
  cadreRecruitsQualified: 'cadre-recruits-qualified', // 资格审查通过
  cadreRecruitsAppointed: 'cadre-recruits-appointed', // 任职
  cadreRecruitsConfirmed: 'cadre-recruits-confirmed', // 试用期满确认
  cadreRecruitsExited: 'cadre-recruits-exited', // 退出
  // The reserve pool (村两委后备库).
  reservistsAdmitted: 'reservists-admitted', // 入库
  reservistsUsed: 'reservists-used', // 使用
  reservistsRemoved: 'reservists-removed', // 出库
} as const;

/** Cadre recruitment stages counted, by the cadre event that reaches them. */
export const CADRE_EVENT_STAGES = {
  nominated: 'registered',
  qualified: 'qualified',
  appointed: 'appointed',
  'trial-passed': 'confirmed',
  exited: 'exited',
} as const;
type CadreStageCounted = (typeof CADRE_EVENT_STAGES)[keyof typeof CADRE_EVENT_STAGES];

/** The same stages per programme: `cadre-recruits-guiyan-appointed`. */
export type CadreProgrammeMetric = `cadre-recruits-${string}-${CadreStageCounted}`;
export type TargetMetric = (typeof TARGET_METRICS)[keyof typeof TARGET_METRICS] | CadreProgrammeMetric;

export function cadreProgrammeMetric(programmeId: string, stage: CadreStageCounted): CadreProgrammeMetric {
  return `cadre-recruits-${programmeId.toLowerCase()}-${stage}`;
}

/** Every metric counted: the fixed ones and the per-programme cadre stages of the programmes on offer. */
export const ALL_TARGET_METRICS: readonly TargetMetric[] = [
  ...Object.values(TARGET_METRICS),
  ...CADRE_PROGRAMMES.flatMap((programme) =>
    Object.values(CADRE_EVENT_STAGES).map((stage) => cadreProgrammeMetric(programme.id, stage)),
  ),
];

/** The metrics one cadre event counts for: the stage overall and for its programme. */
export function cadreEventMetrics(kind: string, programmeId: string): TargetMetric[] {
  const stage = CADRE_EVENT_STAGES[kind as keyof typeof CADRE_EVENT_STAGES];
  return stage ? [`cadre-recruits-${stage}`, cadreProgrammeMetric(programmeId, stage)] : [];
}

/** Which reserve-pool event kind counts for which metric. */
export const RESERVE_EVENT_METRICS: Readonly<Record<string, TargetMetric>> = {
  admitted: TARGET_METRICS.reservistsAdmitted,
  used: TARGET_METRICS.reservistsUsed,
  removed: TARGET_METRICS.reservistsRemoved,
};

/**
 * "8595" (DOMAIN §4.2, seed 003): 85 % of village cadres (两委 members) and 95 % of village party secretaries
 * with 大专 or above.
 */
export const VILLAGE_CADRE_EDUCATION_GOALS = { cadres: 0.85, secretaries: 0.95 } as const;

/** Which member-case event kind counts for which metric (the event's business date gives the year). */
export const MEMBER_EVENT_METRICS: Readonly<Record<string, TargetMetric>> = {
  'activist-determined': TARGET_METRICS.activists,
  'development-target-listed': TARGET_METRICS.developmentTargets,
  'probationary-admitted': TARGET_METRICS.newProbationaryMembers,
  converted: TARGET_METRICS.conversions,
  'probation-extended': TARGET_METRICS.extensions,
  'probationary-status-cancelled': TARGET_METRICS.cancellations,
};

/** Whole years of age on `onDate` (both ISO dates); the birthday counts on the day itself. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The structure metrics one new probationary member counts for, by the facts on the admission date. A fact
 * that was never recorded counts for nothing (it is unknown, not "no").
 */
export function newMemberStructureMetrics(
  applicant: {
    readonly gender: 'MALE' | 'FEMALE';
    readonly birthDate: string;
    readonly education?: EducationLevel;
    readonly occupation?: string;
    readonly frontLine?: boolean;
    readonly newSector?: boolean;
    readonly ethnicMinority?: boolean;
  },
  admittedOn: string,
): TargetMetric[] {
  const { education } = applicant;
  return [
    ...(applicant.gender === 'FEMALE' ? [TARGET_METRICS.newFemaleMembers] : []),
    ...(ageOn(applicant.birthDate, admittedOn) <= 35 ? [TARGET_METRICS.newMembersAged35OrUnder] : []),
    ...(education && meetsEducation(education, 'SENIOR_HIGH')
      ? [TARGET_METRICS.newMembersHighSchoolOrAbove]
      : []),
    ...(education && meetsEducation(education, 'JUNIOR_COLLEGE')
      ? [TARGET_METRICS.newMembersCollegeOrAbove]
      : []),
    ...(applicant.frontLine ? [TARGET_METRICS.newFrontLineMembers] : []),
    ...(applicant.occupation === 'FARMER_HERDER_FISHER' ? [TARGET_METRICS.newFarmerMembers] : []),
    ...(applicant.newSector ? [TARGET_METRICS.newNewSectorMembers] : []),
    ...(applicant.ethnicMinority ? [TARGET_METRICS.newMinorityMembers] : []),
  ];
}

export interface TargetIncrement {
  readonly orgUnitId: string;
  readonly year: number;
  readonly metric: TargetMetric;
  readonly delta: number;
}

/**
 * One event counts once for the unit where it happened and for every ancestor (actuals roll up the
 * materialized path). `orgPath` runs from the root down to the unit.
 */
export function rollUp(
  orgPath: readonly string[],
  year: number,
  metric: TargetMetric,
  delta = 1,
): TargetIncrement[] {
  return [...new Set(orgPath)].map((orgUnitId) => ({ orgUnitId, year, metric, delta }));
}

export function isTargetMetric(metric: string): metric is TargetMetric {
  return (ALL_TARGET_METRICS as readonly string[]).includes(metric);
}

export interface QuotaAllocation {
  readonly quota: number;
  /** The parent's quota for the same year and metric, or null when the parent has none. */
  readonly parentQuota: number | null;
  /** What the parent has already given the unit's siblings. */
  readonly siblingsAllocated: number;
  /** What the unit has already given its own children. */
  readonly childrenAllocated: number;
}

/**
 * Quotas are allocated top-down (DOMAIN.md §4.3; the county's 发展党员指导性计划, §38): a unit may not be
 * given more than its parent has left, nor less than it has already passed on to its children.
 */
/** The body field a quota is set with (PUT …/quotas). */
const QUOTA = 'quota';

export function checkQuotaAllocation(allocation: QuotaAllocation): RuleViolation[] {
  const { quota, parentQuota, siblingsAllocated, childrenAllocated } = allocation;
  if (!Number.isInteger(quota) || quota < 0) {
    return [violation('QUOTA_INVALID', null, '计划数须为非负整数', QUOTA)];
  }
  const violations: RuleViolation[] = [];
  if (parentQuota !== null && siblingsAllocated + quota > parentQuota) {
    violations.push(
      violation(
        'QUOTA_EXCEEDS_PARENT',
        '§38',
        `上级计划数为${parentQuota}，已分配${siblingsAllocated}，最多还可分配${Math.max(0, parentQuota - siblingsAllocated)}`,
        QUOTA,
      ),
    );
  }
  if (childrenAllocated > quota) {
    violations.push(
      violation(
        'QUOTA_BELOW_ALLOCATED',
        '§38',
        `已向下级分配${childrenAllocated}，计划数不能少于此数`,
        QUOTA,
      ),
    );
  }
  return violations;
}
