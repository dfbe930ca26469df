import { CHINA_WORKING_DAYS } from '../kernel/calendar/working-days';
import { type LocalDate, parseLocalDate } from '../kernel/time/local-date';
import { memberRuleSet } from './rule-sets';
import {
  acceptanceApprovalDeadlines,
  acceptanceApprovalTiming,
  branchMeetingDueDate,
  checkAcceptanceApprovalTiming,
  checkConversionDiscussionDate,
  checkCultivationPeriod,
  checkDeparture,
  checkDevelopmentTargetNotice,
  checkProbationExtension,
  checkTraining,
  conversionApprovalDueDate,
  deadlineStatus,
  earliestDevelopmentTargetDate,
  extendedProbationEndDate,
  nextActivistVettingDue,
  oathDueDate,
  partyAgeStartDate,
  probationEndDate,
  talkDueDate,
  vettingsDueBy,
} from './time-rules';

const d = (text: string): LocalDate => parseLocalDate(text)!;
const rules = memberRuleSet('2026.05');
const rules2014 = memberRuleSet('2014');
const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

describe('T1 talk within a month', () => {
  it('is due a natural month after receipt, clamped at month end', () => {
    expect(talkDueDate(rules, d('2026-01-31'))).toBe('2026-02-28');
    expect(talkDueDate(rules, d('2026-03-15'))).toBe('2026-04-15');
  });
  it('warns a week before and is overdue the day after', () => {
    expect(deadlineStatus(d('2026-04-15'), d('2026-04-07'))).toBe('ON_TIME');
    expect(deadlineStatus(d('2026-04-15'), d('2026-04-08'))).toBe('DUE_SOON');
    expect(deadlineStatus(d('2026-04-15'), d('2026-04-15'))).toBe('DUE_SOON');
    expect(deadlineStatus(d('2026-04-15'), d('2026-04-16'))).toBe('OVERDUE');
  });
});

describe('T2 half-yearly vetting', () => {
  it('is due six months after the activist date or the last vetting', () => {
    expect(nextActivistVettingDue(rules, d('2025-08-31'), [])).toBe('2026-02-28');
    expect(nextActivistVettingDue(rules, d('2025-03-01'), [d('2025-09-01'), d('2025-08-20')])).toBe(
      '2026-03-01',
    );
  });
  it('counts the vettings due by a date', () => {
    expect(vettingsDueBy(rules, d('2025-03-01'), d('2026-02-28'))).toBe(1);
    expect(vettingsDueBy(rules, d('2025-03-01'), d('2026-03-01'))).toBe(2);
  });
});

describe('T3 one year of cultivation', () => {
  it('blocks listing one day short of a year and allows it the next day', () => {
    expect(earliestDevelopmentTargetDate(rules, d('2025-03-10'))).toBe('2026-03-10');
    expect(codes(checkCultivationPeriod(rules, d('2025-03-10'), d('2026-03-09')))).toEqual([
      'T3_CULTIVATION_TOO_SHORT',
    ]);
    expect(checkCultivationPeriod(rules, d('2025-03-10'), d('2026-03-10'))).toEqual([]);
    expect(checkCultivationPeriod(rules, d('2025-03-10'), d('2026-03-09'))[0]?.article).toBe('§13');
    expect(checkCultivationPeriod(rules2014, d('2025-03-10'), d('2026-03-09'))[0]?.article).toBe('2014 §13');
  });
  it('handles 29 February', () => {
    expect(earliestDevelopmentTargetDate(rules, d('2024-02-29'))).toBe('2025-02-28');
  });
});

describe('T4 public notice of five working days', () => {
  it('accepts exactly five working days across National Day and refuses four', () => {
    const ok = checkDevelopmentTargetNotice(
      rules,
      CHINA_WORKING_DAYS,
      { start: d('2026-09-28'), end: d('2026-10-09') },
      d('2026-10-10'),
    );
    expect(ok).toEqual({ violations: [], provisional: false });
    const short = checkDevelopmentTargetNotice(
      rules,
      CHINA_WORKING_DAYS,
      { start: d('2026-09-28'), end: d('2026-10-08') },
      d('2026-10-12'),
    );
    expect(codes(short.violations)).toEqual(['T4_NOTICE_TOO_SHORT']);
    expect(short.violations[0]?.message).toContain('2026-10-09');
  });
  it('counts the make-up Saturday 2026-10-10 as a working day', () => {
    // 10-08, 10-09, 10-10 (Saturday, make-up workday), 10-12, 10-13; 10-11 is an ordinary Sunday.
    const notice = (end: string) => ({ start: d('2026-10-08'), end: d(end) });
    expect(
      checkDevelopmentTargetNotice(rules, CHINA_WORKING_DAYS, notice('2026-10-13'), d('2026-10-14'))
        .violations,
    ).toEqual([]);
    expect(
      codes(
        checkDevelopmentTargetNotice(rules, CHINA_WORKING_DAYS, notice('2026-10-12'), d('2026-10-14'))
          .violations,
      ),
    ).toEqual(['T4_NOTICE_TOO_SHORT']);
  });
  it('lists only after the notice has ended', () => {
    const result = checkDevelopmentTargetNotice(
      rules,
      CHINA_WORKING_DAYS,
      { start: d('2026-11-16'), end: d('2026-11-20') },
      d('2026-11-20'),
    );
    expect(codes(result.violations)).toEqual(['T4_NOTICE_NOT_FINISHED']);
  });
  it('requires a notice under 2026 rules but not under 2014 rules', () => {
    expect(
      codes(checkDevelopmentTargetNotice(rules, CHINA_WORKING_DAYS, undefined, d('2026-11-20')).violations),
    ).toEqual(['T4_NOTICE_MISSING']);
    expect(
      checkDevelopmentTargetNotice(rules2014, CHINA_WORKING_DAYS, undefined, d('2026-11-20')).violations,
    ).toEqual([]);
  });
  it('marks a notice running into an unpublished year as provisional', () => {
    const result = checkDevelopmentTargetNotice(
      rules,
      CHINA_WORKING_DAYS,
      { start: d('2026-12-28'), end: d('2027-01-04') },
      d('2027-01-05'),
    );
    expect(result.provisional).toBe(true);
  });
});

describe('T5 training', () => {
  it('passes on three days or 24 class hours, and fails below both', () => {
    expect(checkTraining(rules, { days: 3, classHours: 0 })).toEqual([]);
    expect(checkTraining(rules, { days: 1, classHours: 24 })).toEqual([]);
    expect(codes(checkTraining(rules, { days: 2, classHours: 23 }))).toEqual(['T5_TRAINING_INSUFFICIENT']);
    expect(codes(checkTraining(rules, undefined))).toEqual(['T5_TRAINING_INSUFFICIENT']);
  });
  it('accepts an individual special case only with a justification', () => {
    expect(
      checkTraining(rules, {
        days: 0,
        classHours: 0,
        exception: { justification: '援外医疗队在岗', approvedBy: 'DX-DZ' },
      }),
    ).toEqual([]);
    expect(
      codes(
        checkTraining(rules, {
          days: 0,
          classHours: 0,
          exception: { justification: ' ', approvedBy: 'DX-DZ' },
        }),
      ),
    ).toEqual(['T5_TRAINING_INSUFFICIENT']);
  });
});

describe('T6 leaving within three months', () => {
  it('blocks a departure within three months unless justified', () => {
    expect(codes(checkDeparture(rules, d('2026-02-20'), d('2025-11-20')))).toEqual([
      'T6_LEAVING_WITHIN_3_MONTHS',
    ]);
    expect(checkDeparture(rules, d('2026-02-21'), d('2025-11-20'))).toEqual([]);
    expect(checkDeparture(rules, d('2026-01-10'), d('2025-11-20'), '调入本县另一单位，组织关系随转')).toEqual(
      [],
    );
    expect(checkDeparture(rules, null, d('2025-11-20'))).toEqual([]);
  });
});

describe('T7 branch meeting within a month of pre-review', () => {
  it('is due a month later under 2026 and has no limit under 2014', () => {
    expect(branchMeetingDueDate(rules, d('2026-06-30'))).toBe('2026-07-30');
    expect(branchMeetingDueDate(rules2014, d('2026-06-30'))).toBeNull();
  });
});

describe('T8 approval within three months, never beyond six', () => {
  const received = d('2026-01-15');
  it('escalates after three months and refuses after six', () => {
    expect(acceptanceApprovalDeadlines(rules, received)).toEqual({ due: '2026-04-15', cap: '2026-07-15' });
    expect(acceptanceApprovalTiming(rules, received, d('2026-04-15'))).toBe('WITHIN_LIMIT');
    expect(acceptanceApprovalTiming(rules, received, d('2026-04-16'))).toBe('SPECIAL_EXTENSION');
    expect(acceptanceApprovalTiming(rules, received, d('2026-07-15'))).toBe('SPECIAL_EXTENSION');
    expect(acceptanceApprovalTiming(rules, received, d('2026-07-16'))).toBe('BEYOND_CAP');
  });
  it('needs a special-case reason between three and six months, and nothing helps after six', () => {
    expect(checkAcceptanceApprovalTiming(rules, received, d('2026-04-15'))).toEqual([]);
    expect(codes(checkAcceptanceApprovalTiming(rules, received, d('2026-04-16')))).toEqual([
      'T8_APPROVAL_OVERDUE_NEEDS_REASON',
    ]);
    expect(checkAcceptanceApprovalTiming(rules, received, d('2026-04-16'), '党委换届')).toEqual([]);
    expect(codes(checkAcceptanceApprovalTiming(rules, received, d('2026-07-16'), '党委换届'))).toEqual([
      'T8_APPROVAL_BEYOND_6_MONTHS',
    ]);
  });
});

describe('T9–T14 probation and conversion', () => {
  it('T9 oath due a month after approval (2026 only)', () => {
    expect(oathDueDate(rules, d('2026-05-31'))).toBe('2026-06-30');
    expect(oathDueDate(rules2014, d('2026-05-31'))).toBeNull();
  });
  it('T10 probation runs one year from the branch meeting', () => {
    expect(probationEndDate(rules, d('2026-07-01'))).toBe('2027-07-01');
  });
  it('T11 extension: 5 and 13 months rejected, 6 and 12 accepted, a second one rejected', () => {
    expect(codes(checkProbationExtension(rules, 5, 0))).toEqual(['T11_EXTENSION_OUT_OF_RANGE']);
    expect(codes(checkProbationExtension(rules, 13, 0))).toEqual(['T11_EXTENSION_OUT_OF_RANGE']);
    expect(codes(checkProbationExtension(rules, 6.5, 0))).toEqual(['T11_EXTENSION_OUT_OF_RANGE']);
    expect(checkProbationExtension(rules, 6, 0)).toEqual([]);
    expect(checkProbationExtension(rules, 12, 0)).toEqual([]);
    expect(codes(checkProbationExtension(rules, 6, 1))).toEqual(['T11_ALREADY_EXTENDED']);
    expect(extendedProbationEndDate(d('2027-07-01'), 6)).toBe('2028-01-01');
  });
  it('T12 conversion approval due three months after the resolution', () => {
    expect(conversionApprovalDueDate(rules, d('2027-07-05'))).toBe('2027-10-05');
  });
  it('T13 a transferred-in member may be discussed up to six months after probation ends', () => {
    const end = d('2027-07-01');
    expect(codes(checkConversionDiscussionDate(rules, end, d('2027-06-30'), false))).toEqual([
      'T10_PROBATION_NOT_ENDED',
    ]);
    expect(checkConversionDiscussionDate(rules, end, d('2027-07-01'), false)).toEqual([]);
    expect(checkConversionDiscussionDate(rules, end, d('2028-01-01'), true)).toEqual([]);
    expect(codes(checkConversionDiscussionDate(rules, end, d('2028-01-02'), true))).toEqual([
      'T13_POSTPONEMENT_TOO_LONG',
    ]);
  });
  it('T14 party age counts from the end of probation', () => {
    expect(partyAgeStartDate(extendedProbationEndDate(probationEndDate(rules, d('2026-07-01')), 6))).toBe(
      '2028-01-01',
    );
  });
});
