import type {
  CadreCaseView,
  RecordCadreActionCommand,
  RecordCadreDeadlineCommand,
  RecordCadreNominationCommand,
} from '@app/contracts';

/** Activities the cadre-recruitment workflow calls; implemented by apps/worker. Each is one transaction. */
export interface CadreRecruitmentActivities {
  /** P1: person, case, first record, `nominated` event; idempotent by case id. */
  recordCadreNomination(command: RecordCadreNominationCommand): Promise<CadreCaseView>;
  /** A later step: record, read model, HR events; idempotent by record id. */
  recordCadreAction(command: RecordCadreActionCommand): Promise<CadreCaseView>;
  /** A deadline passed (joint review, notice, trial): a `deadline-overdue` event; idempotent by event id. */
  recordCadreDeadline(command: RecordCadreDeadlineCommand): Promise<void>;
}
