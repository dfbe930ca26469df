import type { MemberCaseView, RecordApplicationCommand } from '@app/contracts';

/** Activities the member-development workflow calls; implemented by apps/worker. */
export interface MemberDevelopmentActivities {
  /** Step 1 in one transaction (case row, dossier record, outbox event); idempotent by case id. */
  recordApplication(command: RecordApplicationCommand): Promise<MemberCaseView>;
}
