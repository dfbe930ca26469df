/** KPI metrics counted per org unit and year (DOMAIN.md §4.1). */
export const TARGET_METRICS = {
  applicants: 'applicants', // 入党申请人 received
  activists: 'activists', // 入党积极分子 determined
  developmentTargets: 'development-targets', // 发展对象 listed
  newProbationaryMembers: 'new-probationary-members', // 预备党员 approved (发展党员数)
  conversions: 'conversions', // 转正
  extensions: 'probation-extensions', // 延长预备期
  cancellations: 'probation-cancellations', // 取消预备党员资格
} as const;
export type TargetMetric = (typeof TARGET_METRICS)[keyof typeof TARGET_METRICS];

/** Which member-case event kind counts for which metric (the event's business date gives the year). */
export const MEMBER_EVENT_METRICS: Readonly<Record<string, TargetMetric>> = {
  'activist-determined': TARGET_METRICS.activists,
  'development-target-listed': TARGET_METRICS.developmentTargets,
  'probationary-admitted': TARGET_METRICS.newProbationaryMembers,
  converted: TARGET_METRICS.conversions,
  'probation-extended': TARGET_METRICS.extensions,
  'probationary-status-cancelled': TARGET_METRICS.cancellations,
};

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
