import { type CaseMachine } from '../../kernel/case-machine';
import { type CadreAction } from './actions';
import { applyCadreAction } from './apply';
import { availableCadreActions } from './available';
import { type CadreDeadlineKind, cadreCaseDeadlines } from './deadlines';
import {
  type CadreCaseOpening,
  type CadreCaseState,
  type CadreContext,
  type CadreEvent,
  openCadreCase,
} from './state';
import { type PipelineActor, cadreOpenTasks } from './tasks';
import { CADRE_NEEDS, validateCadreAction } from './validate';

/** Village-cadre recruitment (DOMAIN §2.1): nomination to confirmation and filing, P1–P9. */
export const cadreCaseMachine: CaseMachine<
  CadreCaseState,
  CadreAction,
  CadreEvent,
  CadreContext,
  CadreCaseOpening,
  PipelineActor,
  CadreDeadlineKind
> = {
  kind: 'CADRE_RECRUITMENT',
  actionTypes: Object.keys(CADRE_NEEDS) as CadreAction['type'][],
  open: openCadreCase,
  validate: validateCadreAction,
  apply: applyCadreAction,
  deadlines: (state) => cadreCaseDeadlines(state).map((deadline) => ({ ...deadline, hard: false })),
  openTasks: cadreOpenTasks,
  availableActions: availableCadreActions,
  // Joint-review and trial dates come from the programme's own document.
  deadlineArticle: (_, { programme }) => programme.article,
};
