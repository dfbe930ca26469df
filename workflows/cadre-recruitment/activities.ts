import type {
  CadreCaseView,
  RecordCadreActionCommand,
  RecordCadreDeadlineCommand,
  RecordCadreNominationCommand,
  RecordingActivities,
} from '@app/contracts';

/** Activities the cadre-recruitment workflow calls; implemented by apps/worker. Each is one transaction. */
export type CadreRecruitmentActivities = RecordingActivities<{
  /** P1: person, case, first record, `nominated` event; idempotent by case id. */
  recordCadreNomination: [RecordCadreNominationCommand, CadreCaseView];
  /** A later step: record, read model, HR events; idempotent by record id. */
  recordCadreAction: [RecordCadreActionCommand, CadreCaseView];
  /** A deadline passed (joint review, notice, trial): a `deadline-overdue` event; idempotent by event id. */
  recordCadreDeadline: [RecordCadreDeadlineCommand, void];
}>;
