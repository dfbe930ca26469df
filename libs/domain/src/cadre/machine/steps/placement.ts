import { violation } from '../../../kernel/rules/rule-violation';
import { type LocalDate, addMonths, compareLocalDates } from '../../../kernel/time/local-date';
import { type ReserveCategory } from '../../../reserve/reserve-pool';
import { ARTICLE_ELECTION, appointmentViolations, electionViolations, trialNotEnded } from '../checks';
import { type CadreCaseState, type CadreContext } from '../state';
import { type CadreActionOf, type CadreSteps, type CadreTransition, closer } from './define';

/** P7–P8: appointment or election, and the review of the trial. */
export type PlacementAction =
  | CadreActionOf<'APPOINT', { readonly termEnd: LocalDate; readonly documentRef: string }>
  | CadreActionOf<
      'RECORD_ELECTION',
      {
        readonly mode: 'ELECTION' | 'BY_ELECTION';
        readonly termEnd: LocalDate;
        /** 有选举权的人数, 参加投票的人数, 该人选得票. */
        readonly votes: { readonly eligible: number; readonly cast: number; readonly forCandidate: number };
        readonly meetingRef: string;
      }
    >
  | CadreActionOf<
      'REVIEW_TRIAL',
      {
        readonly outcome: 'PASS' | 'EXTEND' | 'FAIL';
        readonly extensionMonths?: number;
        readonly exitTo?: 'RESERVE_POOL' | 'RELEASED';
        /** For an exit to the reserve pool: the category the township refers the person under. */
        readonly reserveCategory?: ReserveCategory;
        readonly opinion: string;
      }
    >;

/** P7: appointed, or elected (a vote that does not elect closes the case). */
function placed(
  state: CadreCaseState,
  action: Extract<PlacementAction, { type: 'APPOINT' | 'RECORD_ELECTION' }>,
  { programme }: CadreContext,
): CadreTransition {
  const date = action.date;
  const next = { ...state, lastDate: action.date };
  const close = closer(state, action.date);
  const mode = action.type === 'APPOINT' ? 'APPOINTMENT' : action.mode;
  if (action.type === 'RECORD_ELECTION') {
    const { eligible, cast, forCandidate } = action.votes;
    // 选举有效须过半数有选举权的人参加投票，候选人获得参加投票的人过半数的选票始得当选.
    if (!(2 * cast > eligible && 2 * forCandidate > cast)) {
      return {
        state: close('NOT_ELECTED'),
        events: [{ type: 'disqualified', date, reasons: [{ code: 'NOT_ELECTED', reason: '未当选' }] }],
      };
    }
  }
  const trial = { start: date, end: addMonths(date, programme.trialMonths), extendedMonths: 0 };
  return {
    state: { ...next, stage: 'TRIAL', placement: { mode, on: date, termEnd: action.termEnd }, trial },
    events: [
      {
        type: 'appointed',
        date,
        post: state.post,
        mode,
        termEnd: action.termEnd,
        trialEnd: trial.end,
        ...(state.qualification?.education ? { education: state.qualification.education } : {}),
      },
    ],
  };
}

export const PLACEMENT_STEPS: CadreSteps<PlacementAction> = {
  APPOINT: {
    needs: ['PLACEMENT'],
    actor: 'TOWNSHIP',
    rules: (state) => appointmentViolations(state),
    apply: placed,
  },
  RECORD_ELECTION: {
    needs: ['PLACEMENT'],
    actor: 'TOWNSHIP',
    rules: (state, action) => {
      const notElected = electionViolations(state);
      if (notElected.length > 0) return notElected;
      const { eligible, cast, forCandidate } = action.votes;
      return eligible > 0 && cast <= eligible && forCandidate <= cast && cast >= 0 && forCandidate >= 0
        ? []
        : [violation('VOTES_INCONSISTENT', ARTICLE_ELECTION, '选举人数或票数不正确', 'votes')];
    },
    apply: placed,
  },
  REVIEW_TRIAL: {
    needs: ['TRIAL'],
    actor: 'TOWNSHIP',
    rules: (state, action, { programme, requireReserveCategory }) => {
      if (requireReserveCategory && action.exitTo === 'RESERVE_POOL' && !action.reserveCategory) {
        return [
          violation(
            'RESERVE_CATEGORY_REQUIRED',
            'DOMAIN §3',
            '转入后备库须说明后备力量类别',
            'reserveCategory',
          ),
        ];
      }
      const trial = state.trial!;
      if (compareLocalDates(action.date, trial.end) < 0 && action.outcome !== 'FAIL') {
        return [trialNotEnded(trial.end)];
      }
      if (action.outcome === 'EXTEND') {
        const months = action.extensionMonths ?? 0;
        if (trial.extendedMonths > 0)
          return [violation('TRIAL_ALREADY_EXTENDED', null, '试用期只能延长一次', 'outcome')];
        if (!Number.isInteger(months) || months < 1 || months > programme.maxTrialExtensionMonths) {
          return [
            violation(
              'TRIAL_EXTENSION_OUT_OF_RANGE',
              null,
              `延长1至${programme.maxTrialExtensionMonths}个月`,
              'extensionMonths',
            ),
          ];
        }
      }
      return action.outcome === 'FAIL' && !action.exitTo
        ? [violation('EXIT_DESTINATION_REQUIRED', null, '须说明转入后备库或解聘', 'exitTo')]
        : [];
    },
    apply: (state, action) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const trial = state.trial!;
      if (action.outcome === 'PASS') {
        return { state: { ...next, stage: 'CONFIRMED' }, events: [{ type: 'trial-passed', date }] };
      }
      if (action.outcome === 'EXTEND') {
        const months = action.extensionMonths!;
        const extended = { ...trial, end: addMonths(trial.end, months), extendedMonths: months };
        return {
          state: { ...next, trial: extended },
          events: [{ type: 'trial-extended', date, months, trialEnd: extended.end }],
        };
      }
      const exit = {
        on: date,
        destination: action.exitTo!,
        reason: action.opinion,
        ...(action.reserveCategory ? { reserveCategory: action.reserveCategory } : {}),
      };
      return {
        state: { ...next, stage: 'EXITED', exit },
        events: [
          { type: 'trial-failed', date },
          { type: 'exited', date, destination: exit.destination, reason: exit.reason },
        ],
      };
    },
  },
};
