import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../../kernel/time/local-date';
import { type EffectiveMemberRules, type ExtraNoticeKind } from '../rule-sets';
import { type CaseContext, type MemberCaseState, localNoticePassed } from './state';

/** The local notice of `kind`, where the overlay requires one, has run without findings that affect eligibility. */
export function localNoticeViolations(
  state: MemberCaseState,
  kind: ExtraNoticeKind,
  ctx: CaseContext,
): RuleViolation[] {
  const required = ctx.rules.extraNotices[kind];
  if (!required || localNoticePassed(state, kind)) return [];
  return [
    violation(
      'LOCAL_NOTICE_REQUIRED',
      required.source,
      `须先公示不少于${required.workingDays}个工作日且结果不影响`,
    ),
  ];
}

/**
 * The committee received the branch resolution after the meeting and no later than it decides. `field`: the body
 * field that carries the receipt date (the receipt's own `date`, or an approval's `resolutionReceived`).
 */
export function checkResolutionReceived(
  meetingDate: LocalDate,
  received: LocalDate,
  decisionDate: LocalDate,
  field: 'date' | 'resolutionReceived',
): RuleViolation[] {
  return compareLocalDates(received, meetingDate) >= 0 && compareLocalDates(received, decisionDate) <= 0
    ? []
    : [
        violation(
          'RESOLUTION_RECEIVED_DATE_INVALID',
          null,
          `收到决议的日期须在党员大会（${meetingDate}）之后、审批之前`,
          field,
        ),
      ];
}

/** An approval names the receipt date the committee recorded, if it recorded one (T8/T12 run from it). */
export function checkReceiptAsRecorded(recorded: LocalDate | undefined, named: LocalDate): RuleViolation[] {
  return recorded === undefined || recorded === named
    ? []
    : [
        violation(
          'RESOLUTION_RECEIVED_DATE_INVALID',
          null,
          `已记录上级党委于${recorded}收到党支部决议，审批须以此日期为准（而非${named}）`,
          'resolutionReceived',
        ),
      ];
}

/** T4: the development-target notice closes after its last day. */
export function targetNoticeNotFinished(rules: EffectiveMemberRules, end: LocalDate): RuleViolation {
  return violation(
    'T4_NOTICE_NOT_FINISHED',
    rules.developmentTarget.notice?.article ?? null,
    `公示于${end}期满后方可结束`,
    'date',
  );
}

/** Converting or extending probation is discussed on the person's written application (§32). */
export function conversionNotApplied(rules: EffectiveMemberRules): RuleViolation {
  return violation('STEP_OUT_OF_ORDER', rules.steps[21]!.article, '讨论转正前须本人提出书面转正申请');
}
