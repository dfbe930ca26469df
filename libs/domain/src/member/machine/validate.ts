import { dateOrderViolation, definitionsField } from '../../kernel/case-machine';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { compareLocalDates } from '../../kernel/time/local-date';
import {
  ACTION_STEP,
  LATE_DATED_ACTIONS,
  MEMBER_ACTION_DEFINITIONS,
  type MemberAction,
  type MemberActionType,
  memberActionDefinition,
} from './actions';
import { localNoticeViolations } from './checks';
import { type CaseContext, type MemberCaseState, latestCaseDate } from './state';
import { type Precondition } from './steps/define';

/** Preconditions: the order of the flow. Each returns the message when the action cannot come yet. */
export const MEMBER_PRECONDITIONS: Record<MemberActionType, Precondition> = definitionsField(
  MEMBER_ACTION_DEFINITIONS,
  'precondition',
);

/** Every rule the action breaks, empty if it may be recorded. */
export function validateAction(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): RuleViolation[] {
  const { rules } = ctx;
  if (state.status === 'CLOSED') return [violation('CASE_CLOSED', null, '案件已结束')];
  if (compareLocalDates(action.date, ctx.today) > 0)
    return [violation('DATE_IN_FUTURE', null, `日期${action.date}晚于今天`, 'date')];
  const lateDate = dateOrderViolation(action.date, state.lastDate ?? latestCaseDate(state));
  if (lateDate && !LATE_DATED_ACTIONS.has(action.type)) return [lateDate];
  const definition = memberActionDefinition(action);
  const blocked = definition.precondition(state, rules.extraNotices);
  if (blocked) {
    const step = definition.step;
    const article =
      definition.article?.(rules) ?? (step > 0 ? (rules.steps[step - 1]?.article ?? null) : null);
    return [violation('STEP_OUT_OF_ORDER', article, blocked)];
  }
  return [
    ...(definition.rules?.(state, action, ctx) ?? []),
    ...missingLocalNotice(state, action, ctx),
    ...missingDocuments(action, ctx),
  ];
}

/**
 * Warnings recorded with an accepted action: facts that do not block it but must be visible in the
 * dossier. A working-day count reaching into a year whose official holidays are not published yet is an
 * estimate (Monday–Friday): the result is provisional until the year is added to CALENDAR_OVERRIDES.
 */
export function actionWarnings(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): RuleViolation[] {
  const notice =
    action.type === 'CLOSE_NOTICE'
      ? state.target?.notice
      : action.type === 'CLOSE_LOCAL_NOTICE'
        ? state.localNotices?.[action.notice]
        : undefined;
  if (!notice || !ctx.calendar.countBetween(notice.start, notice.end).provisional) return [];
  return [
    violation(
      'CALENDAR_PROVISIONAL',
      null,
      `公示期（${notice.start}至${notice.end}）跨入尚未公布节假日安排的年份，工作日数为暂定结果`,
    ),
  ];
}

/** A local overlay's notice must have run, without findings that affect eligibility, before the step it guards. */
function missingLocalNotice(state: MemberCaseState, action: MemberAction, ctx: CaseContext): RuleViolation[] {
  const kind = memberActionDefinition(action).localNotice?.(action);
  return kind ? localNoticeViolations(state, kind, ctx) : [];
}

/** Documents a local overlay requires for the step: each must be among the action's evidence (or archive list). */
function missingDocuments(action: MemberAction, ctx: CaseContext): RuleViolation[] {
  const required = ctx.rules.documents[ACTION_STEP[action.type]] ?? [];
  const provided = new Set([
    ...(action.evidence ?? []),
    ...(action.type === 'ARCHIVE' ? action.documents : []),
  ]);
  const missing = required.filter((document) => !provided.has(document));
  if (missing.length === 0) return [];
  return [
    violation(
      'OVERLAY_DOCUMENT_MISSING',
      ctx.rules.overlays.join(', '),
      `本地规定须提供：${missing.join('、')}`,
      action.type === 'ARCHIVE' ? 'documents' : 'evidence',
    ),
  ];
}
