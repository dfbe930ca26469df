import type {
  MemberCaseView,
  RecordApplicationCommand,
  RecordDeadlineSignalCommand,
  RecordMemberActionCommand,
} from '@app/contracts';

/** Activities the member-development workflow calls; implemented by apps/worker. Each is one transaction. */
export interface MemberDevelopmentActivities {
  /** Step 1: case row, dossier record, outbox event; idempotent by case id. */
  recordApplication(command: RecordApplicationCommand): Promise<MemberCaseView>;
  /** A later step: dossier record (hash-chained), case read model, outbox events; idempotent by record id. */
  recordMemberAction(command: RecordMemberActionCommand): Promise<MemberCaseView>;
  /** A deadline warning or overdue signal as an outbox event; idempotent by event id. */
  recordDeadlineSignal(command: RecordDeadlineSignalCommand): Promise<void>;
}
