import type {
  OpenReserveReviewCommand,
  RecordReserveActionCommand,
  RecordReserveRecommendationCommand,
  ReserveEntryView,
  ReserveReviewView,
} from '@app/contracts';

/** Activities of the reserve-pool workflows; implemented by apps/worker. Each is one transaction. */
export interface ReservePoolActivities {
  /** 推: person, entry, first record, `recommended` event; idempotent by entry id. */
  recordReserveRecommendation(command: RecordReserveRecommendationCommand): Promise<ReserveEntryView>;
  /** A later action: record, read model, review task, events; idempotent by record id. */
  recordReserveAction(command: RecordReserveActionCommand): Promise<ReserveEntryView>;
  /** Opens the township's half-year review (tasks, capacity shortfalls); one per township and half year. */
  openReserveReview(
    command: OpenReserveReviewCommand,
  ): Promise<{ review: ReserveReviewView; opened: boolean }>;
  /** Closes the review: undecided tasks become overdue; idempotent. */
  closeReserveReview(command: { reviewId: string; closedOn: string }): Promise<ReserveReviewView>;
}
