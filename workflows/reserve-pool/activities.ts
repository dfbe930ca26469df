import type {
  OpenReserveReviewCommand,
  RecordReserveActionCommand,
  RecordReserveRecommendationCommand,
  ReserveEntryView,
  ReserveReviewView,
  RecordingActivities,
} from '@app/contracts';
import type { OrgUnit, ReservePolicy } from '@app/domain';

export interface ReserveReferralTarget {
  readonly village: OrgUnit;
  readonly townshipId: string;
  readonly policy: ReservePolicy;
  readonly openEntryId: string | null;
}

/** Activities of the reserve-pool workflows; implemented by apps/worker. Each is one transaction. */
export interface ReservePoolActivities extends RecordingActivities<{
  /** 推: person, entry, first record, `recommended` event; idempotent by entry id. */
  recordReserveRecommendation: [RecordReserveRecommendationCommand, ReserveEntryView];
  /** A later action: record, read model, review task, events; idempotent by record id. */
  recordReserveAction: [RecordReserveActionCommand, ReserveEntryView];
}> {
  /** Opens the township's half-year review (tasks, capacity shortfalls); one per township and half year. */
  openReserveReview(
    command: OpenReserveReviewCommand,
  ): Promise<{ review: ReserveReviewView; opened: boolean }>;
  /**
   * Where a person leaving a post at `unitId` would join the reserve (village under a township, the policy in
   * force) and their entry already open, if any; null when the unit is under no township.
   */
  reserveReferralTarget(unitId: string, personId: string): Promise<ReserveReferralTarget | null>;
  /** Closes the review: undecided tasks become overdue; idempotent. */
  closeReserveReview(command: { reviewId: string; closedOn: string }): Promise<ReserveReviewView>;
}
