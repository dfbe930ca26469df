import { localDate } from '../time/local-date';
import { CHINA_WORKING_DAYS, WorkingDayCalendar } from './working-days';

const d = (text: string) => {
  const [y, m, day] = text.split('-').map(Number);
  return localDate(y!, m!, day!);
};

describe(WorkingDayCalendar.name, () => {
  it('knows 2026 holidays and make-up workdays (调休)', () => {
    expect(CHINA_WORKING_DAYS.isWorkday(d('2026-10-01'))).toBe(false); // National Day
    expect(CHINA_WORKING_DAYS.isWorkday(d('2026-10-10'))).toBe(true); // Saturday, make-up workday
    expect(CHINA_WORKING_DAYS.isWorkday(d('2026-02-14'))).toBe(true); // Saturday, make-up workday
    expect(CHINA_WORKING_DAYS.isWorkday(d('2026-11-21'))).toBe(false); // ordinary Saturday
    expect(CHINA_WORKING_DAYS.isWorkday(d('2026-11-20'))).toBe(true); // ordinary Friday
  });

  it('counts a 5-working-day notice across National Day, starting day included', () => {
    expect(CHINA_WORKING_DAYS.lastDayOfPeriod(d('2026-09-28'), 5)).toEqual({
      value: '2026-10-09',
      provisional: false,
    });
    // Posted on a Sunday: the period starts with the next working day.
    expect(CHINA_WORKING_DAYS.lastDayOfPeriod(d('2026-11-15'), 5)).toEqual({
      value: '2026-11-20',
      provisional: false,
    });
    expect(CHINA_WORKING_DAYS.countBetween(d('2026-09-28'), d('2026-10-08'))).toEqual({
      value: 4,
      provisional: false,
    });
    expect(CHINA_WORKING_DAYS.countBetween(d('2026-09-28'), d('2026-10-09'))).toEqual({
      value: 5,
      provisional: false,
    });
  });

  it('marks results that reach into a year without official data as provisional', () => {
    expect(CHINA_WORKING_DAYS.covers(2026)).toBe(true);
    expect(CHINA_WORKING_DAYS.covers(2027)).toBe(false);
    expect(CHINA_WORKING_DAYS.lastDayOfPeriod(d('2026-12-28'), 5)).toEqual({
      value: '2027-01-01',
      provisional: true,
    });
    expect(CHINA_WORKING_DAYS.countBetween(d('2026-12-01'), d('2026-12-31')).provisional).toBe(false);
  });

  it('takes a newly published year from the override table', () => {
    const calendar = new WorkingDayCalendar(
      { holidays: {}, workdays: {} },
      { years: [2027], holidays: ['2027-01-01'], workdays: ['2027-01-02'] },
    );
    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.isWorkday(d('2027-01-01'))).toBe(false);
    expect(calendar.isWorkday(d('2027-01-02'))).toBe(true); // a Saturday made a workday
    expect(calendar.lastDayOfPeriod(d('2026-12-28'), 5)).toEqual({ value: '2027-01-02', provisional: true });
    expect(
      () =>
        new WorkingDayCalendar(
          { holidays: {}, workdays: {} },
          { years: [], holidays: ['2027-02-30'], workdays: [] },
        ),
    ).toThrow(RangeError);
  });

  it.each(['America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
    'gives the same answers in time zone %s',
    (zone) => {
      const saved = process.env.TZ;
      process.env.TZ = zone; // Node applies a changed TZ to Date at once
      try {
        expect(CHINA_WORKING_DAYS.isWorkday(d('2026-10-12'))).toBe(true); // Monday
        expect(CHINA_WORKING_DAYS.isWorkday(d('2026-10-01'))).toBe(false);
        expect(CHINA_WORKING_DAYS.lastDayOfPeriod(d('2026-09-28'), 5).value).toBe('2026-10-09');
      } finally {
        process.env.TZ = saved;
      }
    },
  );
});
