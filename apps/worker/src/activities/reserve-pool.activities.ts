import { Injectable } from '@nestjs/common';

import {
  type OpenReserveReviewCommand,
  type RecordReserveActionCommand,
  type RecordReserveRecommendationCommand,
  type ReserveEntryView,
  type ReserveReviewView,
} from '@app/contracts';
import { PersonsRepository, ReservePoolRepository } from '@app/persistence';
import {
  type ReservePoolActivities,
  type ReserveReferralTarget,
} from '@app/workflows/reserve-pool/activities';

import { classifyFailures } from './activity-failures';

@Injectable()
export class ReservePoolActivitiesService implements ReservePoolActivities {
  constructor(
    private readonly reservePool: ReservePoolRepository,
    private readonly persons: PersonsRepository,
  ) {}

  async recordReserveRecommendation(command: RecordReserveRecommendationCommand): Promise<ReserveEntryView> {
    // Histories recorded before person references carry the identity: registered here, as then.
    const person = await this.persons.reference(command.person);
    return this.reservePool.recordRecommendation({ ...command, person });
  }

  recordReserveAction(command: RecordReserveActionCommand): Promise<ReserveEntryView> {
    return this.reservePool.recordAction(command);
  }

  openReserveReview(
    command: OpenReserveReviewCommand,
  ): Promise<{ review: ReserveReviewView; opened: boolean }> {
    return this.reservePool.openReview(command);
  }

  reserveReferralTarget(unitId: string, personId: string): Promise<ReserveReferralTarget | null> {
    return this.reservePool.referralTarget(unitId, personId);
  }

  closeReserveReview(command: { reviewId: string; closedOn: string }): Promise<ReserveReviewView> {
    return this.reservePool.closeReview(command.reviewId, command.closedOn);
  }
}

/** The plain object the worker registers: methods bound to the Nest service, their failures classified. */
export function createReservePoolActivities(service: ReservePoolActivitiesService): ReservePoolActivities {
  return classifyFailures({
    recordReserveRecommendation: service.recordReserveRecommendation.bind(service),
    recordReserveAction: service.recordReserveAction.bind(service),
    openReserveReview: service.openReserveReview.bind(service),
    reserveReferralTarget: service.reserveReferralTarget.bind(service),
    closeReserveReview: service.closeReserveReview.bind(service),
  });
}
