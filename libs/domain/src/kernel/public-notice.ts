import { type WorkingDayCalendar } from './calendar/working-days';
import { type Gate, blocked, notBefore } from './case-machine';
import { type RuleViolation, violation } from './rules/rule-violation';
import { type LocalDate, addDays, compareLocalDates } from './time/local-date';

/** A public notice's period: it runs from `start` to `end`, both days included. */
export interface PublicNotice {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/**
 * A public notice (公示) — before a cadre appointment (任前公示) or an entry to the reserve pool: it runs a number
 * of working days, takes objections while it runs, and closes after its last day with a finding per objection.
 */
export interface PublicNoticeRecord extends PublicNotice {
  readonly objections: readonly { readonly text: string }[];
  readonly closed?: LocalDate;
}

export interface ObjectionFinding {
  readonly finding: string;
  /** Upheld: the objection stops what the notice announced. */
  readonly affectsEligibility: boolean;
}

export type NoticeAction =
  | {
      readonly type: 'START_NOTICE';
      readonly date: LocalDate;
      readonly end: LocalDate;
      readonly scope: string;
    }
  | { readonly type: 'RECORD_OBJECTION'; readonly date: LocalDate; readonly text: string }
  | {
      readonly type: 'CLOSE_NOTICE';
      readonly date: LocalDate;
      readonly findings: readonly ObjectionFinding[];
    };

/** How a notice is named and what its end allows, for the messages. */
export interface NoticeRule {
  /** 任前公示, 公示. */
  readonly name: string;
  readonly minWorkingDays: number;
  readonly article: string | null;
  /** What may follow once it has run: 办理任职, 入库. */
  readonly then: string;
}

/** Everything that forbids a notice action now (the caller has checked the stage). */
export function checkNoticeAction(
  notice: PublicNoticeRecord | undefined,
  action: NoticeAction,
  rule: NoticeRule,
  calendar: WorkingDayCalendar,
): RuleViolation[] {
  switch (action.type) {
    case 'START_NOTICE': {
      const days = calendar.countBetween(action.date, action.end).value;
      return days < rule.minWorkingDays
        ? [
            violation(
              'NOTICE_SHORTER_THAN_RULE',
              rule.article,
              `${rule.name}不少于${rule.minWorkingDays}个工作日：${action.date}至${action.end}仅${days}个工作日`,
              'end',
            ),
          ]
        : [];
    }
    case 'RECORD_OBJECTION':
      return notice && !notice.closed && compareLocalDates(action.date, notice.end) <= 0
        ? []
        : [noticeNotOpen()];
    case 'CLOSE_NOTICE':
      if (!notice) return [noticeNotStarted()];
      if (compareLocalDates(action.date, notice.end) <= 0) return [noticeNotFinished(notice, rule)];
      return action.findings.length === notice.objections.length
        ? []
        : [violation('OBJECTION_FINDINGS_MISSING', null, '每一条反映的问题都须有调查结论', 'findings')];
  }
}

/** The notice after a START_NOTICE or RECORD_OBJECTION (CLOSE_NOTICE: see `closeNotice`). */
export function applyNoticeAction(
  notice: PublicNoticeRecord | undefined,
  action: Exclude<NoticeAction, { type: 'CLOSE_NOTICE' }>,
): PublicNoticeRecord {
  return action.type === 'START_NOTICE'
    ? { start: action.date, end: action.end, objections: [] }
    : { ...notice!, objections: [...notice!.objections, { text: action.text }] };
}

/** Closes the notice; the reasons of the upheld objections (none: what the notice announced goes ahead). */
export function closeNotice(
  notice: PublicNoticeRecord,
  action: Extract<NoticeAction, { type: 'CLOSE_NOTICE' }>,
): { notice: PublicNoticeRecord; upheld: { code: 'NOTICE_OBJECTION_UPHELD'; reason: string }[] } {
  return {
    notice: { ...notice, closed: action.date },
    upheld: action.findings
      .filter((finding) => finding.affectsEligibility)
      .map((finding) => ({ code: 'NOTICE_OBJECTION_UPHELD', reason: finding.finding })),
  };
}

const noticeNotStarted = () => violation('NOTICE_NOT_STARTED', null, '尚未公示');
const noticeNotOpen = () => violation('NOTICE_NOT_OPEN', null, '不在公示期内');
const noticeNotFinished = (notice: PublicNotice, rule: NoticeRule) =>
  violation('NOTICE_NOT_FINISHED', rule.article, `公示于${notice.end}期满后方可${rule.then}`, 'date');

/** When the notice may close: from the day after its last day; not at all before it has started. */
export function closeNoticeGate(notice: PublicNoticeRecord | undefined, rule: NoticeRule): Gate {
  return notice
    ? notBefore(addDays(notice.end, 1), noticeNotFinished(notice, rule))
    : blocked([noticeNotStarted()]);
}

/** Objections are taken while the notice runs. */
export function objectionGate(notice: PublicNoticeRecord | undefined): Gate {
  return notice && !notice.closed ? { from: notice.start } : blocked([noticeNotOpen()]);
}
