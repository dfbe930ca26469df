import { proxyActivities, sleep, uuid4, workflowInfo } from '@temporalio/workflow';

import type { ReserveReviewView } from '@app/contracts';
import { type LocalDate, chinaLocalDate, startOfChinaDay } from '@app/domain';

import { ACTIVITY_OPTIONS } from '../shared/recording-failure';
import type { ReservePoolActivities } from './activities';

/**
 * A township's half-year review of its reserve (半年分析研判, DOMAIN §3), started by the township's Temporal
 * Schedule (or on demand): opens a review task for every reservist in the pool and reports the villages short
 * of reservists, then closes the review the day after it is due, counting what was left undecided. The
 * decisions themselves are updates on each reservist's workflow. Runs for the same half year share one review.
 */
export interface ReserveReviewInput {
  readonly townshipId: string;
}

// A review whose activities keep failing fails its run (visible in Temporal); `POST …/runs` runs it again and the
// open is idempotent per half year.
const activities = proxyActivities<ReservePoolActivities>({
  ...ACTIVITY_OPTIONS,
  startToCloseTimeout: '1 minute',
});

const DAY_MS = 24 * 60 * 60 * 1000;

export async function reserveReviewWorkflow(input: ReserveReviewInput): Promise<ReserveReviewView> {
  const { review } = await activities.openReserveReview({
    reviewId: uuid4(),
    townshipId: input.townshipId,
    workflowId: workflowInfo().workflowId,
    openedOn: chinaLocalDate(new Date()),
  });
  if (review.status === 'CLOSED') return review;
  const closeAt = startOfChinaDay(review.dueOn as LocalDate) + DAY_MS;
  if (closeAt > Date.now()) await sleep(closeAt - Date.now());
  return activities.closeReserveReview({ reviewId: review.id, closedOn: chinaLocalDate(new Date()) });
}
