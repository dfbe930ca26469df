import chineseDays from 'chinese-days/dist/chinese-days.json';

import {
  type LocalDate,
  addDays,
  compareLocalDates,
  dateParts,
  isoWeekday,
  parseLocalDate,
} from '../time/local-date';

/**
 * Working days (工作日) on the mainland-China public holiday calendar: Monday–Friday, minus statutory
 * holidays, plus the weekend days declared make-up workdays (调休上班).
 *
 * Holiday data comes from the `chinese-days` package's bundled table (the State Council's annual notices);
 * its date functions are not used, because they read local-time getters and shift days in some time zones.
 * A year the data does not cover yet (the next year's notice is usually published in November or
 * December) is still computed by the Monday–Friday rule, but every result touching it is `provisional`.
 * Add a newly published year to CALENDAR_OVERRIDES until the package catches up.
 */
export interface CalendarOverrides {
  /** Years whose holidays and make-up workdays below are complete. */
  readonly years: readonly number[];
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

export const CALENDAR_OVERRIDES: CalendarOverrides = { years: [], holidays: [], workdays: [] };

export interface WorkingDayResult<T> {
  readonly value: T;
  /** True when a year in the range has no official holiday data: recompute once it is published. */
  readonly provisional: boolean;
}

export class WorkingDayCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly coveredYears: ReadonlySet<number>;

  constructor(
    data: {
      readonly holidays: Readonly<Record<string, string>>;
      readonly workdays: Readonly<Record<string, string>>;
    },
    overrides: CalendarOverrides = CALENDAR_OVERRIDES,
  ) {
    for (const date of [...overrides.holidays, ...overrides.workdays]) {
      if (!parseLocalDate(date)) throw new RangeError(`calendar override ${date} is not a date`);
    }
    this.holidays = new Set([...Object.keys(data.holidays), ...overrides.holidays]);
    this.workdays = new Set([...Object.keys(data.workdays), ...overrides.workdays]);
    this.coveredYears = new Set([
      ...[...this.holidays].map((date) => Number(date.slice(0, 4))),
      ...overrides.years,
    ]);
  }

  covers(year: number): boolean {
    return this.coveredYears.has(year);
  }

  isWorkday(date: LocalDate): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return isoWeekday(date) <= 5;
  }

  /**
   * The day on which a period of `count` working days that starts on `start` is complete, counting
   * `start` itself if it is a working day (a notice posted on Monday 09-28 for 5 working days runs
   * 09-28, 09-29, 09-30, 10-08, 10-09 around National Day 2026).
   */
  lastDayOfPeriod(start: LocalDate, count: number): WorkingDayResult<LocalDate> {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`working-day count must be ≥ 1, got ${count}`);
    let day = start;
    let counted = this.isWorkday(day) ? 1 : 0;
    while (counted < count) {
      day = addDays(day, 1);
      if (this.isWorkday(day)) counted++;
    }
    return { value: day, provisional: this.provisionalBetween(start, day) };
  }

  /** Working days from `start` to `end`, both included (0 if `end` is before `start`). */
  countBetween(start: LocalDate, end: LocalDate): WorkingDayResult<number> {
    let count = 0;
    for (let day = start; compareLocalDates(day, end) <= 0; day = addDays(day, 1)) {
      if (this.isWorkday(day)) count++;
    }
    return {
      value: count,
      provisional: compareLocalDates(start, end) <= 0 && this.provisionalBetween(start, end),
    };
  }

  private provisionalBetween(start: LocalDate, end: LocalDate): boolean {
    for (let year = dateParts(start).year; year <= dateParts(end).year; year++) {
      if (!this.covers(year)) return true;
    }
    return false;
  }
}

/** The calendar every rule uses. */
export const CHINA_WORKING_DAYS = new WorkingDayCalendar(chineseDays);
