import type {
  MemberCaseView,
  RecordApplicationCommand,
  RecordDeadlineSignalCommand,
  RecordImportedMemberCaseCommand,
  RecordMemberActionCommand,
  RecordingActivities,
} from '@app/contracts';

/** Activities the member-development workflow calls; implemented by apps/worker. Each is one transaction. */
export type MemberDevelopmentActivities = RecordingActivities<{
  /** Step 1: case row, dossier record, outbox event; idempotent by case id. */
  recordApplication: [RecordApplicationCommand, MemberCaseView];
  /** A later step: dossier record (hash-chained), case read model, outbox events; idempotent by record id. */
  recordMemberAction: [RecordMemberActionCommand, MemberCaseView];
  /** A case from paper: its application and whole history in one transaction; idempotent by case id. */
  recordImportedCase: [RecordImportedMemberCaseCommand, MemberCaseView];
  /** A deadline warning or overdue signal as an outbox event; idempotent by event id. */
  recordDeadlineSignal: [RecordDeadlineSignalCommand, void];
}>;
