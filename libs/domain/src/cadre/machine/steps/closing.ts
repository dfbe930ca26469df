import { reasonViolations } from '../../../kernel/case-machine';
import { type CadreActionOf, type CadreSteps, closer } from './define';

/** Withdrawing before the trial, and P9: filing the confirmed or exited cadre with the county. */
export type ClosingAction =
  | CadreActionOf<'WITHDRAW', { readonly reason: string }>
  | CadreActionOf<'FILE_WITH_COUNTY', { readonly ref: string }>;

export const CLOSING_STEPS: CadreSteps<ClosingAction> = {
  WITHDRAW: {
    needs: ['NOMINATED', 'QUALIFIED', 'JOINT_REVIEW', 'ASSESSMENT', 'DECISION', 'NOTICE', 'PLACEMENT'],
    actor: 'TOWNSHIP',
    rules: (_state, action) => reasonViolations(action.reason),
    apply: (state, action) => {
      const close = closer(state, action.date);
      return { state: close('WITHDRAWN'), events: [] };
    },
  },
  FILE_WITH_COUNTY: {
    needs: ['CONFIRMED', 'EXITED'],
    actor: 'COUNTY_DEPARTMENT',
    apply: (state, action) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      return {
        state: {
          ...next,
          filed: { on: date, ref: action.ref },
          status: 'CLOSED',
          outcome: state.stage === 'CONFIRMED' ? 'CONFIRMED' : 'EXITED',
        },
        events: [],
      };
    },
  },
};
