import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { type Principal, subtreeReadViolation } from '@app/domain';
import { ReviewScheduleGateway, type ReviewScheduleView } from '@app/temporal';

import { ReservePoolService } from './reserve-pool.service';

export type { ReviewScheduleView };

/** Each township's half-year review Schedule: set up, shown, run now, removed. */
@Injectable()
export class ReserveReviewSchedulesService {
  constructor(
    private readonly schedules: ReviewScheduleGateway,
    private readonly reservePool: ReservePoolService,
    private readonly access: AccessService,
  ) {}

  /** Creates (or replaces) the township's half-year review Schedule: 1 January and 1 July, 09:00 CST. */
  async putSchedule(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.reservePool.managedTownship(principal, reference);
    await this.schedules.put(township);
    return this.schedules.describe(township);
  }

  async getSchedule(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.reservePool.township(reference);
    const refusal = subtreeReadViolation(principal, township);
    if (refusal) this.access.refuse(principal, refusal, township.code);
    return this.schedules.describe(township);
  }

  async deleteSchedule(principal: Principal, reference: string): Promise<void> {
    const township = await this.reservePool.managedTownship(principal, reference);
    await this.schedules.remove(township);
  }

  /** Opens the current half year's review now (专题会议), e.g. right after the Schedule was set up. */
  async runScheduleNow(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.reservePool.managedTownship(principal, reference);
    await this.schedules.trigger(township);
    return this.schedules.describe(township);
  }
}
