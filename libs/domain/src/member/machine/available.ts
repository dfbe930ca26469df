import {
  ANY_DAY,
  type AvailableAction,
  type Gate,
  availability,
  blocked,
  notBefore,
} from '../../kernel/case-machine';
import { violation } from '../../kernel/rules/rule-violation';
import { type LocalDate, addDays, minDate } from '../../kernel/time/local-date';
import {
  checkConversionApplicationDate,
  checkConversionDiscussionDate,
  checkCultivationPeriod,
  earliestDevelopmentTargetDate,
} from '../time-rules';
import { type MemberActionType } from './actions';
import {
  type CaseContext,
  type ExtraNotices,
  type MemberCaseState,
  latestCaseDate,
  openNotices,
} from './state';
import { conversionNotApplied, localNoticeViolations, targetNoticeNotFinished } from './checks';
import { MEMBER_PRECONDITIONS } from './validate';

/** The actions whose preconditions hold now (rules specific to the action's payload are checked on submit). */
export function availableActions(
  state: MemberCaseState,
  extraNotices: ExtraNotices = {},
): MemberActionType[] {
  if (state.status === 'CLOSED') return [];
  return (Object.keys(MEMBER_PRECONDITIONS) as MemberActionType[]).filter(
    (type) => MEMBER_PRECONDITIONS[type](state, extraNotices) === undefined,
  );
}

/** What holds back an action the order allows: the time rules, and the local notices that must run first. */
const GATES: Partial<Record<MemberActionType, (state: MemberCaseState, ctx: CaseContext) => Gate>> = {
  DETERMINE_ACTIVIST: (state, ctx) => localNoticeGate(localNoticeViolations(state, 'ACTIVIST', ctx)),
  // T3: the cultivation period runs from the day the applicant became an activist.
  PROPOSE_DEVELOPMENT_TARGET: (state, { rules }) => {
    const from = earliestDevelopmentTargetDate(rules, state.activist!.date);
    return { from, because: checkCultivationPeriod(rules, state.activist!.date, addDays(from, -1)) };
  },
  // T4: the notice closes after its last day.
  CLOSE_NOTICE: (state, { rules }) => {
    const end = state.target!.notice!.end;
    return notBefore(addDays(end, 1), targetNoticeNotFinished(rules, end));
  },
  CLOSE_LOCAL_NOTICE: (state) => {
    const end = openNotices(state)
      .map((kind) => state.localNotices![kind]!.end)
      .reduce(minDate);
    return notBefore(
      addDays(end, 1),
      violation('LOCAL_NOTICE_NOT_FINISHED', null, `公示于${end}期满后方可结束`, 'date'),
    );
  },
  BRANCH_MEETING_ACCEPTANCE: (state, ctx) => localNoticeGate(localNoticeViolations(state, 'ACCEPTANCE', ctx)),
  // Received no earlier than the meeting that adopted the resolution.
  RECEIVE_ACCEPTANCE_RESOLUTION: (state) => ({ from: state.acceptance!.meetingDate }),
  RECEIVE_CONVERSION_RESOLUTION: (state) => ({ from: state.probation!.conversionMeeting!.date }),
  // T10: the written application comes when probation expires.
  APPLY_FOR_CONVERSION: (state, ctx) => {
    const { end } = state.probation!;
    return { from: end, because: checkConversionApplicationDate(ctx.rules, end, addDays(end, -1)) };
  },
  // T10: converting or extending waits for the end of probation and the written application (cancelling does not).
  CONVERSION_MEETING: (state, ctx) => {
    const probation = state.probation!;
    if (!probation.conversionAppliedDate) return blocked([conversionNotApplied(ctx.rules)]);
    const notice = localNoticeViolations(state, 'CONVERSION', ctx);
    if (notice.length > 0) return blocked(notice);
    const early = checkConversionDiscussionDate(ctx.rules, probation.end, addDays(probation.end, -1), false);
    return { from: probation.end, because: early };
  },
};

const localNoticeGate = (violations: ReturnType<typeof localNoticeViolations>): Gate =>
  violations.length > 0 ? blocked(violations) : ANY_DAY;

const RECEIPTS: ReadonlySet<MemberActionType> = new Set<MemberActionType>([
  'RECEIVE_ACCEPTANCE_RESOLUTION',
  'RECEIVE_CONVERSION_RESOLUTION',
]);

/**
 * The actions the order allows now, each with the earliest date it may carry, or why not yet. For a conversion
 * meeting the date is that of converting or extending; a meeting that cancels probationary status may be earlier.
 */
export function availableMemberActions(
  state: MemberCaseState,
  ctx: CaseContext,
  today: LocalDate,
): AvailableAction<MemberActionType>[] {
  const lastDate = state.lastDate ?? latestCaseDate(state);
  return availableActions(state, ctx.rules.extraNotices).map((type) => {
    const gate = GATES[type]?.(state, ctx) ?? ANY_DAY;
    // A receipt may be dated back to its meeting, whatever was recorded since.
    return availability(type, gate, RECEIPTS.has(type) ? gate.from! : lastDate, today);
  });
}
