import { Injectable } from '@nestjs/common';

import {
  type OpenReserveReviewCommand,
  type RecordReserveActionCommand,
  type RecordReserveRecommendationCommand,
  type ReserveEntryView,
  type ReserveReviewView,
} from '@app/contracts';
import { ReservePoolRepository } from '@app/persistence';
import {
  type ReservePoolActivities,
  type ReserveReferralTarget,
} from '@app/workflows/reserve-pool/activities';

import { asActivity } from './member-development.activities';

@Injectable()
export class ReservePoolActivitiesService implements ReservePoolActivities {
  constructor(private readonly reservePool: ReservePoolRepository) {}

  recordReserveRecommendation(command: RecordReserveRecommendationCommand): Promise<ReserveEntryView> {
    return asActivity(() => this.reservePool.recordRecommendation(command));
  }

  recordReserveAction(command: RecordReserveActionCommand): Promise<ReserveEntryView> {
    return asActivity(() => this.reservePool.recordAction(command));
  }

  openReserveReview(
    command: OpenReserveReviewCommand,
  ): Promise<{ review: ReserveReviewView; opened: boolean }> {
    return asActivity(() => this.reservePool.openReview(command));
  }

  reserveReferralTarget(unitId: string, personId: string): Promise<ReserveReferralTarget | null> {
    return asActivity(() => this.reservePool.referralTarget(unitId, personId));
  }

  closeReserveReview(command: { reviewId: string; closedOn: string }): Promise<ReserveReviewView> {
    return asActivity(() => this.reservePool.closeReview(command.reviewId, command.closedOn));
  }
}

/** The plain object the worker registers: methods bound to the Nest service. */
export function createReservePoolActivities(service: ReservePoolActivitiesService): ReservePoolActivities {
  return {
    recordReserveRecommendation: service.recordReserveRecommendation.bind(service),
    recordReserveAction: service.recordReserveAction.bind(service),
    openReserveReview: service.openReserveReview.bind(service),
    reserveReferralTarget: service.reserveReferralTarget.bind(service),
    closeReserveReview: service.closeReserveReview.bind(service),
  };
}
