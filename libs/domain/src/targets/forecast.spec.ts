import { CHINA_WORKING_DAYS } from '../kernel/calendar/working-days';
import { type LocalDate } from '../kernel/time/local-date';
import {
  type PipelineCase,
  elapsedShareOfYear,
  forecastMetric,
  nextCount,
  reachableByYearEnd,
} from './forecast';

const d = (value: string) => value as LocalDate;
const person = { gender: 'FEMALE' as const, birthDate: '1995-06-01' };
const activist = (since: string, ruleSet: PipelineCase['ruleSet'] = '2026.05'): PipelineCase => ({
  ruleSet,
  stage: 'ACTIVIST',
  activistSince: d(since),
  probationEnd: null,
  applicant: person,
});

describe('nextCount: who can still reach a stage, under the time rules', () => {
  it('lets an applicant become an activist at once', () => {
    expect(
      nextCount(
        { ...activist('2026-01-01'), stage: 'APPLICANT', activistSince: null },
        d('2026-11-21'),
        CHINA_WORKING_DAYS,
      ),
    ).toEqual({ on: '2026-11-21', metrics: ['activists'] });
  });

  it('lists an activist a year after (T3), then after five working days of notice under the 2026 rules (T4)', () => {
    // 2025-12-20 + 1 year = Sunday 2026-12-20; the notice's 5th working day is Friday 12-25; listed 12-26.
    expect(nextCount(activist('2025-12-20'), d('2026-11-21'), CHINA_WORKING_DAYS)).toEqual({
      on: '2026-12-26',
      metrics: ['development-targets'],
    });
    // The 2014 rules have no notice: listed on the anniversary.
    expect(nextCount(activist('2025-12-20', '2014'), d('2026-11-21'), CHINA_WORKING_DAYS)?.on).toBe(
      '2026-12-20',
    );
  });

  it('counts a development target for the new-member metrics it fits (female, aged 35 or under on admission)', () => {
    const target: PipelineCase = { ...activist('2024-01-01'), stage: 'DEVELOPMENT_TARGET' };
    expect(nextCount(target, d('2026-11-21'), CHINA_WORKING_DAYS)?.metrics).toEqual([
      'new-probationary-members',
      'new-probationary-members-female',
      'new-probationary-members-aged-35-or-under',
    ]);
    const older = { ...target, applicant: { gender: 'MALE' as const, birthDate: '1990-11-21' } };
    expect(nextCount(older, d('2026-11-21'), CHINA_WORKING_DAYS)?.metrics).toEqual([
      'new-probationary-members',
    ]);
  });

  it('converts a probationary member when probation ends (T10), extended or not', () => {
    const probationary: PipelineCase = {
      ...activist('2024-01-01'),
      stage: 'PROBATIONARY',
      probationEnd: d('2027-01-05'),
    };
    expect(nextCount(probationary, d('2026-11-21'), CHINA_WORKING_DAYS)?.on).toBe('2027-01-05');
  });
});

describe('reachableByYearEnd', () => {
  it('counts only what the rules let happen by 31 December', () => {
    const reachable = reachableByYearEnd(
      [
        activist('2025-12-10'), // 2026-12-10 + notice → before the year's end
        activist('2025-12-28'), // anniversary 2026-12-28, notice runs into January
        { ...activist('2024-01-01'), stage: 'PROBATIONARY', probationEnd: d('2026-12-31') },
        { ...activist('2024-01-01'), stage: 'PROBATIONARY', probationEnd: d('2027-01-01') },
      ],
      2026,
      d('2026-11-21'),
      CHINA_WORKING_DAYS,
    );
    expect(reachable).toEqual({ 'development-targets': 1, conversions: 1 });
    expect(reachableByYearEnd([activist('2024-01-01')], 2025, d('2026-11-21'), CHINA_WORKING_DAYS)).toEqual(
      {},
    );
  });
});

describe('forecastMetric', () => {
  const share = elapsedShareOfYear(2026, d('2026-07-02')); // 183 of 365 days
  it('computes the share of the year gone', () => {
    expect(share).toBeCloseTo(183 / 365, 5);
    expect(elapsedShareOfYear(2025, d('2026-07-02'))).toBe(1);
    expect(elapsedShareOfYear(2027, d('2026-07-02'))).toBe(0);
  });

  it('is UNREACHABLE when even the whole reachable pipeline falls short of the quota', () => {
    expect(
      forecastMetric({
        metric: 'new-probationary-members',
        quota: 100,
        actual: 40,
        reachable: 59,
        elapsedShare: share,
      }),
    ).toMatchObject({ upperBound: 99, status: 'UNREACHABLE' });
    expect(
      forecastMetric({
        metric: 'new-probationary-members',
        quota: 100,
        actual: 40,
        reachable: 60,
        elapsedShare: share,
      }).status,
    ).not.toBe('UNREACHABLE');
  });

  it('is BEHIND_PACE below 80 % of the pro-rata pace when the pace does not reach the quota', () => {
    // 300 a year: by 2 July the pace asks 150; 80 % of it is 120.
    const behind = forecastMetric({
      metric: 'development-targets',
      quota: 300,
      actual: 119,
      reachable: 500,
      elapsedShare: share,
    });
    expect(behind).toMatchObject({ status: 'BEHIND_PACE', dueByNow: 150, expected: 237 });
    expect(
      forecastMetric({
        metric: 'development-targets',
        quota: 300,
        actual: 121,
        reachable: 500,
        elapsedShare: share,
      }).status,
    ).toBe('ON_TRACK');
    expect(
      forecastMetric({ metric: 'applicants', quota: 500, actual: 100, reachable: 0, elapsedShare: share }),
    ).toMatchObject({
      reachable: null,
      upperBound: null,
      expected: 199,
      status: 'BEHIND_PACE',
    });
  });

  it('is ACHIEVED once the actual meets the quota and NO_QUOTA without one', () => {
    expect(
      forecastMetric({ metric: 'activists', quota: 10, actual: 10, reachable: 0, elapsedShare: share })
        .status,
    ).toBe('ACHIEVED');
    expect(
      forecastMetric({ metric: 'activists', quota: null, actual: 3, reachable: 1, elapsedShare: share })
        .status,
    ).toBe('NO_QUOTA');
  });
});
