import { type WorkingDayCalendar } from '../kernel/calendar/working-days';
import { type RuleSetId, memberRuleSet } from '../member/rule-sets';
import { earliestDevelopmentTargetDate } from '../member/time-rules';
import { type LocalDate, addDays, compareLocalDates, localDate, maxDate } from '../kernel/time/local-date';
import { ALL_TARGET_METRICS, TARGET_METRICS, type TargetMetric, ageOn } from './metrics';

/** A case in flight as the targets read model knows it from the events (no national ID). */
export interface PipelineCase {
  readonly ruleSet: RuleSetId;
  readonly stage: 'APPLICANT' | 'ACTIVIST' | 'DEVELOPMENT_TARGET' | 'PROBATIONARY';
  readonly activistSince: LocalDate | null;
  /** End of probation (extended, if it was). */
  readonly probationEnd: LocalDate | null;
  readonly applicant: { readonly gender: 'MALE' | 'FEMALE'; readonly birthDate: string };
}

/**
 * The next metric a case in flight can count for and the earliest day the time rules allow it, counting one
 * stage ahead (a case two stages short of a metric is not assumed to make both within the year):
 * - 申请人 → 积极分子: no waiting period (the talk's month, T1, is a limit, not a wait);
 * - 积极分子 → 发展对象: a year of cultivation (T3), then under the 2026 rules a notice of at least five
 *   working days, listing after it ends (T4);
 * - 发展对象 → 预备党员: no rule sets a minimum wait (training, T5, takes days; T7 and T8 are limits);
 * - 预备党员 → 转正: the end of probation, extended if it was (T10, T11).
 */
export function nextCount(
  entry: PipelineCase,
  today: LocalDate,
  calendar: WorkingDayCalendar,
): { readonly on: LocalDate; readonly metrics: readonly TargetMetric[] } | null {
  const rules = memberRuleSet(entry.ruleSet);
  switch (entry.stage) {
    case 'APPLICANT':
      return { on: today, metrics: [TARGET_METRICS.activists] };
    case 'ACTIVIST': {
      if (!entry.activistSince) return null;
      const proposal = maxDate(today, earliestDevelopmentTargetDate(rules, entry.activistSince));
      const notice = rules.developmentTarget.notice;
      const listed = notice
        ? addDays(calendar.lastDayOfPeriod(proposal, notice.workingDays).value, 1)
        : proposal;
      return { on: listed, metrics: [TARGET_METRICS.developmentTargets] };
    }
    case 'DEVELOPMENT_TARGET':
      return {
        on: today,
        metrics: [
          TARGET_METRICS.newProbationaryMembers,
          ...(entry.applicant.gender === 'FEMALE' ? [TARGET_METRICS.newFemaleMembers] : []),
          ...(ageOn(entry.applicant.birthDate, today) <= 35 ? [TARGET_METRICS.newMembersAged35OrUnder] : []),
        ],
      };
    case 'PROBATIONARY':
      return entry.probationEnd
        ? { on: maxDate(today, entry.probationEnd), metrics: [TARGET_METRICS.conversions] }
        : null;
  }
}

/** How many cases in flight can still count for each metric by 31 December of `year`. */
export function reachableByYearEnd(
  entries: Iterable<PipelineCase>,
  year: number,
  today: LocalDate,
  calendar: WorkingDayCalendar,
): Partial<Record<TargetMetric, number>> {
  const yearEnd = localDate(year, 12, 31);
  const reachable: Partial<Record<TargetMetric, number>> = {};
  if (compareLocalDates(today, yearEnd) > 0) return reachable;
  for (const entry of entries) {
    const next = nextCount(entry, today, calendar);
    if (!next || compareLocalDates(next.on, yearEnd) > 0) continue;
    for (const metric of next.metrics) reachable[metric] = (reachable[metric] ?? 0) + 1;
  }
  return reachable;
}

/** Metrics a pipeline can feed; the rest (applicants) are forecast from their pace alone. */
const PIPELINE_METRICS: ReadonlySet<TargetMetric> = new Set([
  TARGET_METRICS.activists,
  TARGET_METRICS.developmentTargets,
  TARGET_METRICS.newProbationaryMembers,
  TARGET_METRICS.newFemaleMembers,
  TARGET_METRICS.newMembersAged35OrUnder,
  TARGET_METRICS.conversions,
]);

/**
 * Metrics that are planned and tracked against a quota (extensions and cancellations are not aims). The
 * structure facts beyond gender and age, cadre recruitment and the reserve are not in the pipeline, so those
 * are forecast from their pace.
 */
export const FORECAST_METRICS: readonly TargetMetric[] = [
  TARGET_METRICS.applicants,
  ...PIPELINE_METRICS,
  TARGET_METRICS.newMembersHighSchoolOrAbove,
  TARGET_METRICS.newMembersCollegeOrAbove,
  TARGET_METRICS.newFrontLineMembers,
  TARGET_METRICS.newFarmerMembers,
  TARGET_METRICS.newNewSectorMembers,
  TARGET_METRICS.newMinorityMembers,
  // Recruitment and the reserve, planned per programme and stage (exits are not an aim): forecast from pace.
  ...ALL_TARGET_METRICS.filter(
    (metric) => metric.startsWith('cadre-recruits-') && !metric.endsWith('-exited'),
  ),
  TARGET_METRICS.reservistsAdmitted,
  TARGET_METRICS.reservistsUsed,
];

/** Below this share of the pro-rata pace a unit is behind (20 % slack for the seasons of party work). */
export const PACE_TOLERANCE = 0.8;

export type ForecastStatus = 'NO_QUOTA' | 'ACHIEVED' | 'ON_TRACK' | 'BEHIND_PACE' | 'UNREACHABLE';

export interface MetricForecast {
  readonly quota: number | null;
  readonly actual: number;
  /** Cases in flight that can still count by 31 December under the time rules (null: no pipeline feeds it). */
  readonly reachable: number | null;
  /** actual + reachable: the most the year can bring (null without a pipeline). */
  readonly upperBound: number | null;
  /** The year-end figure at the pace so far, capped by the upper bound. */
  readonly expected: number;
  /** What the pro-rata pace asks for by today. */
  readonly dueByNow: number | null;
  readonly status: ForecastStatus;
}

/** Share of the year gone by the end of `today` (1 for past years, 0 for future ones). */
export function elapsedShareOfYear(year: number, today: LocalDate): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const now = Date.UTC(y, m - 1, d + 1);
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

/**
 * A metric's year-end forecast and pace. UNREACHABLE: even if every case in flight that can still make it
 * does, the quota is not met. BEHIND_PACE: below PACE_TOLERANCE of the pro-rata pace and not expected to
 * catch up by the year's end.
 */
export function forecastMetric(input: {
  readonly metric: TargetMetric;
  readonly quota: number | null;
  readonly actual: number;
  readonly reachable: number;
  readonly elapsedShare: number;
}): MetricForecast {
  const { metric, quota, actual, elapsedShare } = input;
  const fed = PIPELINE_METRICS.has(metric);
  const reachable = fed ? input.reachable : null;
  const upperBound = reachable === null ? null : actual + reachable;
  const atPace = elapsedShare > 0 ? Math.round(actual / elapsedShare) : actual;
  const expected = upperBound === null ? atPace : Math.min(upperBound, Math.max(actual, atPace));
  const dueByNow = quota === null ? null : Math.floor(quota * elapsedShare);
  const status: ForecastStatus =
    quota === null
      ? 'NO_QUOTA'
      : actual >= quota
        ? 'ACHIEVED'
        : upperBound !== null && upperBound < quota
          ? 'UNREACHABLE'
          : actual < quota * elapsedShare * PACE_TOLERANCE && expected < quota
            ? 'BEHIND_PACE'
            : 'ON_TRACK';
  return { quota, actual, reachable, upperBound, expected, dueByNow, status };
}
