import { type LocalDate, addDays, dateParts } from '../../kernel/time/local-date';
import { type ReservePolicy, ageOutDate } from '../reserve-pool';
import { type ReservistState, isReservistOpen } from './state';

/** The day the workflow removes the reservist for age, while the entry is open. */
export function reservistAgeOutDate(state: ReservistState, policy: ReservePolicy): LocalDate | null {
  return isReservistOpen(state) ? ageOutDate(state.birthDate, policy) : null;
}

/** Half-year review periods (半年分析研判): "2026-H1" runs January–June, "2026-H2" July–December. */
export function reviewPeriodOf(date: LocalDate): {
  readonly id: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
} {
  const { year, month } = dateParts(date);
  const first = month <= 6;
  return {
    id: `${year}-${first ? 'H1' : 'H2'}`,
    start: `${year}-${first ? '01' : '07'}-01` as LocalDate,
    end: `${year}-${first ? '06-30' : '12-31'}` as LocalDate,
  };
}

/** The day a review opened on `openedOn` must be decided by. */
export function reviewDueDate(openedOn: LocalDate, policy: ReservePolicy): LocalDate {
  return addDays(openedOn, policy.reviewDays - 1);
}
