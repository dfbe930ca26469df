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

import { bindActivities, withPersonReference } from './case-activities';

@Injectable()
export class ReservePoolActivitiesService implements ReservePoolActivities {
  constructor(
    private readonly reservePool: ReservePoolRepository,
    private readonly persons: PersonsRepository,
  ) {}

  async recordReserveRecommendation(command: RecordReserveRecommendationCommand): Promise<ReserveEntryView> {
    return this.reservePool.recordRecommendation(await withPersonReference(this.persons, command));
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
export const createReservePoolActivities = (service: ReservePoolActivitiesService): ReservePoolActivities =>
  bindActivities(service, [
    'recordReserveRecommendation',
    'recordReserveAction',
    'openReserveReview',
    'reserveReferralTarget',
    'closeReserveReview',
  ]);
