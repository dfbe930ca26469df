import { type CaseMachine } from '../../kernel/case-machine';
import { type PipelineActor } from '../../cadre/machine/tasks';
import { type ReserveAction } from './actions';
import { applyReserveAction } from './apply';
import { availableReserveActions } from './available';
import { reservistAgeOutDate } from './deadlines';
import {
  type ReserveContext,
  type ReservistEvent,
  type ReservistOpening,
  RESERVE_ARTICLE,
  type ReservistState,
  openReservist,
} from './state';
import { reservistOpenTasks } from './tasks';
import { RESERVE_NEEDS, validateReserveAction } from './validate';

/** The reserve pool (DOMAIN §3): one reservist from recommendation to leaving the pool. */
export const reservistMachine: CaseMachine<
  ReservistState,
  ReserveAction,
  ReservistEvent,
  ReserveContext,
  ReservistOpening,
  PipelineActor,
  'AGE_OUT'
> = {
  kind: 'RESERVE_POOL',
  actionTypes: Object.keys(RESERVE_NEEDS) as ReserveAction['type'][],
  open: openReservist,
  validate: validateReserveAction,
  apply: applyReserveAction,
  // The workflow removes the reservist for age on the day (AGE_OUT); half-year reviews set their own dates.
  deadlines: (state, { policy }) => {
    const due = reservistAgeOutDate(state, policy);
    return due ? [{ kind: 'AGE_OUT', due, hard: false }] : [];
  },
  openTasks: (state) => reservistOpenTasks(state),
  availableActions: availableReserveActions,
  deadlineArticle: () => RESERVE_ARTICLE,
};
