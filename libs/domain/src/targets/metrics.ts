/** KPI metrics counted per org unit and year (DOMAIN.md §4.1). More arrive with issue 5. */
export const TARGET_METRICS = {
  applicants: 'applicants', // 入党申请人 received
} as const;
export type TargetMetric = (typeof TARGET_METRICS)[keyof typeof TARGET_METRICS];

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
