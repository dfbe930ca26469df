import { addMonths, addYears, chinaLocalDate, localDate, parseLocalDate } from './local-date';

describe('local dates', () => {
  it('parses only real calendar dates', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('2026-13-01')).toBeUndefined();
    expect(parseLocalDate('2026-1-01')).toBeUndefined();
    expect(parseLocalDate('2026-04-31')).toBeUndefined();
  });

  it('adds natural months with end-of-month clamping', () => {
    expect(addMonths(localDate(2026, 1, 31), 1)).toBe('2026-02-28');
    expect(addMonths(localDate(2024, 1, 31), 1)).toBe('2024-02-29');
    expect(addMonths(localDate(2026, 3, 31), 6)).toBe('2026-09-30');
    expect(addMonths(localDate(2026, 11, 15), 3)).toBe('2027-02-15');
    expect(addMonths(localDate(2026, 3, 31), -1)).toBe('2026-02-28');
  });

  it('adds years, clamping 29 February to 28 February', () => {
    expect(addYears(localDate(2008, 2, 29), 18)).toBe('2026-02-28');
    expect(addYears(localDate(2008, 2, 28), 18)).toBe('2026-02-28');
  });

  it('takes the calendar date in China Standard Time', () => {
    expect(chinaLocalDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaLocalDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
