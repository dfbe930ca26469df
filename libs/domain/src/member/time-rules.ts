import { type WorkingDayCalendar } from '../kernel/calendar/working-days';
import { type PublicNotice } from '../kernel/public-notice';
import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { type LocalDate, addDays, addMonths, addYears, compareLocalDates } from '../kernel/time/local-date';
import { type MemberRuleSet } from './rule-sets';

/**
 * Time rules T1–T14 of DOMAIN.md §1.8 (T15 lives with the application). Every month and year is a natural
 * month or year with end-of-month clamping; "working days" use the holiday calendar. Deadlines return
 * dates (the workflow sets timers and due dates from them); hard rules return the violation they raise.
 */

export type DeadlineStatus = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE';

/** ON_TIME until `warningDays` before `due`, DUE_SOON up to and on `due`, OVERDUE from the next day. */
export function deadlineStatus(due: LocalDate, today: LocalDate, warningDays = 7): DeadlineStatus {
  if (compareLocalDates(today, due) > 0) return 'OVERDUE';
  return compareLocalDates(today, addDays(due, -warningDays)) >= 0 ? 'DUE_SOON' : 'ON_TIME';
}

/** T1: the talk is due within a month of the branch receiving the application (warning, not a block). */
export function talkDueDate(rules: MemberRuleSet, applicationReceived: LocalDate): LocalDate {
  return addMonths(applicationReceived, rules.talk.withinMonths);
}

/** T2: the next half-yearly vetting of an activist, from the activist date or the last vetting. */
export function nextActivistVettingDue(
  rules: MemberRuleSet,
  activistDate: LocalDate,
  vettings: readonly LocalDate[],
): LocalDate {
  const last = [...vettings].sort(compareLocalDates).at(-1) ?? activistDate;
  return addMonths(last, rules.activistVetting.everyMonths);
}

/** Vettings an activist should have had by `date` (the §4.1 "≥ 2 half-year vettings" compliance metric). */
export function vettingsDueBy(rules: MemberRuleSet, activistDate: LocalDate, date: LocalDate): number {
  let count = 0;
  while (
    compareLocalDates(addMonths(activistDate, (count + 1) * rules.activistVetting.everyMonths), date) <= 0
  )
    count++;
  return count;
}

/** T3: the first day an activist may be listed as a development target. */
export function earliestDevelopmentTargetDate(rules: MemberRuleSet, activistDate: LocalDate): LocalDate {
  return addYears(activistDate, rules.cultivation.minimumYears);
}

export function checkCultivationPeriod(
  rules: MemberRuleSet,
  activistDate: LocalDate,
  listingDate: LocalDate,
): RuleViolation[] {
  const earliest = earliestDevelopmentTargetDate(rules, activistDate);
  if (compareLocalDates(listingDate, earliest) >= 0) return [];
  return [
    violation(
      'T3_CULTIVATION_TOO_SHORT',
      rules.cultivation.article,
      `入党积极分子须经过${rules.cultivation.minimumYears}年以上培养教育和考察：${activistDate}确定为积极分子，最早可于${earliest}列为发展对象`,
      'date',
    ),
  ];
}

/**
 * T4: the notice before listing a development target lasted at least N working days, and listing comes
 * after it ended. `provisional` when the calendar for a year in the notice is not yet published.
 */
export function checkDevelopmentTargetNotice(
  rules: MemberRuleSet,
  calendar: WorkingDayCalendar,
  notice: PublicNotice | undefined,
  listingDate: LocalDate,
): { readonly violations: RuleViolation[]; readonly provisional: boolean } {
  const required = rules.developmentTarget.notice;
  if (!required) return { violations: [], provisional: false };
  if (!notice) {
    return {
      violations: [
        violation(
          'T4_NOTICE_MISSING',
          required.article,
          `列为发展对象前须公示，公示期不少于${required.workingDays}个工作日`,
        ),
      ],
      provisional: false,
    };
  }
  const violations: RuleViolation[] = [];
  const days = calendar.countBetween(notice.start, notice.end);
  if (days.value < required.workingDays) {
    const earliestEnd = calendar.lastDayOfPeriod(notice.start, required.workingDays).value;
    violations.push(
      violation(
        'T4_NOTICE_TOO_SHORT',
        required.article,
        `公示期不少于${required.workingDays}个工作日：${notice.start}至${notice.end}仅${days.value}个工作日，最早于${earliestEnd}期满`,
      ),
    );
  }
  if (compareLocalDates(listingDate, notice.end) <= 0) {
    violations.push(
      violation(
        'T4_NOTICE_NOT_FINISHED',
        required.article,
        `公示于${notice.end}期满后方可列为发展对象`,
        'date',
      ),
    );
  }
  return { violations, provisional: days.provisional };
}

export interface TrainingRecord {
  readonly days: number;
  readonly classHours: number;
  /** "除个别特殊情况外": an exception recorded with its justification and who approved it. */
  readonly exception?: { readonly justification: string; readonly approvedBy: string };
}

/**
 * T5: at least 3 days or 24 class hours of centralised training, unless a justified exception is recorded.
 * `field`: the body field to show it beside when the training is the one being recorded (none when a later step
 * finds the recorded training short).
 */
export function checkTraining(
  rules: MemberRuleSet,
  training: TrainingRecord | undefined,
  field?: string,
): RuleViolation[] {
  const { minimumDays, minimumClassHours, article } = rules.training;
  if (training && (training.days >= minimumDays || training.classHours >= minimumClassHours)) return [];
  if (training?.exception && training.exception.justification.trim().length > 0) return [];
  return [
    violation(
      'T5_TRAINING_INSUFFICIENT',
      article,
      `集中培训一般不少于${minimumDays}天或${minimumClassHours}个学时（已记录${training?.days ?? 0}天、${training?.classHours ?? 0}学时）；个别特殊情况须记录理由`,
      field,
    ),
  ];
}

/**
 * T6: a development target expected to leave the unit within 3 months is normally not accepted;
 * an override must carry a justification.
 */
export function checkDeparture(
  rules: MemberRuleSet,
  expectedDeparture: LocalDate | null,
  today: LocalDate,
  overrideJustification?: string,
): RuleViolation[] {
  if (!expectedDeparture) return [];
  if (compareLocalDates(expectedDeparture, addMonths(today, rules.departure.withinMonths)) > 0) return [];
  if (overrideJustification && overrideJustification.trim().length > 0) return [];
  return [
    violation(
      'T6_LEAVING_WITHIN_3_MONTHS',
      rules.departure.article,
      `发展对象预计于${expectedDeparture}离开工作、学习单位（${rules.departure.withinMonths}个月内），一般不办理接收预备党员手续；确需办理的须说明理由`,
      'expectedDeparture',
    ),
  ];
}

/** T7: the branch general meeting is due within a month of passing pre-review (none under 2014). */
export function branchMeetingDueDate(rules: MemberRuleSet, preReviewPassed: LocalDate): LocalDate | null {
  const months = rules.branchMeeting.withinMonthsOfPreReview;
  return months === null ? null : addMonths(preReviewPassed, months);
}

export type ApprovalTiming = 'WITHIN_LIMIT' | 'SPECIAL_EXTENSION' | 'BEYOND_CAP';

/**
 * T8: approval is due within 3 months of receiving the branch resolution; in special cases it may take
 * longer, never more than 6 months. Anchor: the date the committee received the resolution.
 */
export function acceptanceApprovalDeadlines(
  rules: MemberRuleSet,
  resolutionReceived: LocalDate,
): { readonly due: LocalDate; readonly cap: LocalDate } {
  return {
    due: addMonths(resolutionReceived, rules.acceptanceApproval.withinMonths),
    cap: addMonths(resolutionReceived, rules.acceptanceApproval.capMonths),
  };
}

export function acceptanceApprovalTiming(
  rules: MemberRuleSet,
  resolutionReceived: LocalDate,
  approvalDate: LocalDate,
): ApprovalTiming {
  const { due, cap } = acceptanceApprovalDeadlines(rules, resolutionReceived);
  if (compareLocalDates(approvalDate, due) <= 0) return 'WITHIN_LIMIT';
  return compareLocalDates(approvalDate, cap) <= 0 ? 'SPECIAL_EXTENSION' : 'BEYOND_CAP';
}

/** T8 as a check on an approval: after 3 months a special-case reason is required, after 6 months it is refused. */
export function checkAcceptanceApprovalTiming(
  rules: MemberRuleSet,
  resolutionReceived: LocalDate,
  approvalDate: LocalDate,
  specialCaseReason?: string,
): RuleViolation[] {
  const { due, cap } = acceptanceApprovalDeadlines(rules, resolutionReceived);
  const timing = acceptanceApprovalTiming(rules, resolutionReceived, approvalDate);
  if (timing === 'BEYOND_CAP') {
    return [
      violation(
        'T8_APPROVAL_BEYOND_6_MONTHS',
        rules.acceptanceApproval.article,
        `审批时间不得超过${rules.acceptanceApproval.capMonths}个月：决议于${resolutionReceived}收到，最迟${cap}审批`,
        'date',
      ),
    ];
  }
  if (timing === 'SPECIAL_EXTENSION' && !(specialCaseReason && specialCaseReason.trim().length > 0)) {
    return [
      violation(
        'T8_APPROVAL_OVERDUE_NEEDS_REASON',
        rules.acceptanceApproval.article,
        `应当在${rules.acceptanceApproval.withinMonths}个月内（${due}前）审批；延长审批须说明特殊情况`,
        'specialCaseReason',
      ),
    ];
  }
  return [];
}

/** T9: the oath generally within a month of approval (soft deadline; none under 2014). */
export function oathDueDate(rules: MemberRuleSet, approvalDate: LocalDate): LocalDate | null {
  return rules.oath.withinMonths === null ? null : addMonths(approvalDate, rules.oath.withinMonths);
}

/** T10: probation runs a year from the branch general meeting that accepted the person (not from the oath). */
export function probationEndDate(rules: MemberRuleSet, branchMeetingDate: LocalDate): LocalDate {
  return addYears(branchMeetingDate, rules.probation.years);
}

/** T11: an extension of 6 to 12 whole months, once. */
export function checkProbationExtension(
  rules: MemberRuleSet,
  months: number,
  previousExtensions: number,
): RuleViolation[] {
  const { minMonths, maxMonths, maxTimes, article } = rules.extension;
  const violations: RuleViolation[] = [];
  if (previousExtensions >= maxTimes) {
    violations.push(
      violation(
        'T11_ALREADY_EXTENDED',
        article,
        `预备期只能延长${maxTimes === 1 ? '一' : maxTimes}次`,
        'proposal',
      ),
    );
  }
  if (!Number.isInteger(months) || months < minMonths || months > maxMonths) {
    violations.push(
      violation(
        'T11_EXTENSION_OUT_OF_RANGE',
        article,
        `延长预备期不能少于${minMonths}个月，最长不超过${maxMonths}个月（申请${months}个月）`,
        'extensionMonths',
      ),
    );
  }
  return violations;
}

export function extendedProbationEndDate(probationEnd: LocalDate, months: number): LocalDate {
  return addMonths(probationEnd, months);
}

/** T12: conversion approval within 3 months of receiving the branch resolution. */
export function conversionApprovalDueDate(rules: MemberRuleSet, resolutionReceived: LocalDate): LocalDate {
  return addMonths(resolutionReceived, rules.conversionApproval.withinMonths);
}

/**
 * T13: for a transferred-in probationary member the receiving organisation may postpone the conversion
 * discussion, by at most 6 months after probation ends; conversion still dates from the probation end.
 */
export function checkConversionDiscussionDate(
  rules: MemberRuleSet,
  probationEnd: LocalDate,
  discussionDate: LocalDate,
  transferredIn: boolean,
): RuleViolation[] {
  if (compareLocalDates(discussionDate, probationEnd) < 0) {
    return [
      violation(
        'T10_PROBATION_NOT_ENDED',
        rules.probation.article,
        `预备期于${probationEnd}期满，期满后方可讨论转正`,
        'date',
      ),
    ];
  }
  const latest = addMonths(probationEnd, rules.transferredPostponement.maxMonths);
  if (transferredIn && compareLocalDates(discussionDate, latest) > 0) {
    return [
      violation(
        'T13_POSTPONEMENT_TOO_LONG',
        rules.transferredPostponement.article,
        `转入的预备党员推迟讨论转正不超过${rules.transferredPostponement.maxMonths}个月（最迟${latest}）`,
        'date',
      ),
    ];
  }
  return [];
}

/**
 * T10 at step 22: the written application for conversion comes when probation expires (§32), so it may not be
 * dated before the (possibly extended) end of probation.
 */
export function checkConversionApplicationDate(
  rules: MemberRuleSet,
  probationEnd: LocalDate,
  applicationDate: LocalDate,
): RuleViolation[] {
  return compareLocalDates(applicationDate, probationEnd) < 0
    ? [
        violation(
          'T10_CONVERSION_APPLIED_BEFORE_PROBATION_END',
          rules.probation.article,
          `预备期于${probationEnd}期满，期满时方可提出转正申请`,
          'date',
        ),
      ]
    : [];
}

/** T14: party age counts from the (possibly extended) end of probation, also when the discussion was postponed. */
export function partyAgeStartDate(probationEnd: LocalDate): LocalDate {
  return probationEnd;
}
