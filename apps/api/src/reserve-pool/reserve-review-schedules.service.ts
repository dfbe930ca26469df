import { Injectable } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError } from '@temporalio/client';

import { AccessService } from '@app/auth';
import { ProblemError, TemporalConfig } from '@app/config';
import { type OrgUnit, type Principal, subtreeReadViolation } from '@app/domain';
import { reserveReviewScheduleId, temporalCallProblem } from '@app/temporal';
import { reserveReviewWorkflow } from '@app/workflows';

import { ReservePoolService } from './reserve-pool.service';

const scheduleNotFound = (township: OrgUnit) =>
  new ProblemError(
    404,
    'REVIEW_SCHEDULE_NOT_FOUND',
    '未设置分析研判计划',
    `no review schedule for ${township.code}`,
  );

export interface ReviewScheduleView {
  readonly scheduleId: string;
  readonly townshipId: string;
  readonly paused: boolean;
  /** When the next reviews open (UTC instants; 1 January and 1 July, 09:00 China Standard Time). */
  readonly nextRuns: readonly string[];
  readonly recentRuns: readonly { readonly workflowId: string; readonly startedAt: string }[];
}

/** Each township's half-year review Schedule in Temporal: set up, shown, run now, removed. */
@Injectable()
export class ReserveReviewSchedulesService {
  constructor(
    private readonly temporal: Client,
    private readonly temporalConfig: TemporalConfig,
    private readonly reservePool: ReservePoolService,
    private readonly access: AccessService,
  ) {}

  /** Creates (or replaces) the township's half-year review Schedule: 1 January and 1 July, 09:00 CST. */
  async putSchedule(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.reservePool.managedTownship(principal, reference);
    const scheduleId = reserveReviewScheduleId(township.id);
    const action = {
      type: 'startWorkflow' as const,
      workflowType: reserveReviewWorkflow,
      // Temporal appends each run's time to this id.
      workflowId: scheduleId,
      taskQueue: this.temporalConfig.TEMPORAL_TASK_QUEUE,
      args: [{ townshipId: township.id }] as [{ townshipId: string }],
    };
    const spec = {
      calendars: [
        { comment: '半年分析研判', month: ['JANUARY' as const, 'JULY' as const], dayOfMonth: 1, hour: 9 },
      ],
      timezone: 'Asia/Shanghai',
    };
    try {
      await this.temporal.schedule.create({
        scheduleId,
        spec,
        action,
        policies: { overlap: 'ALLOW_ALL', catchupWindow: '30 days' },
        memo: { township: township.code },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await this.temporal.schedule
        .getHandle(scheduleId)
        .update((previous) => ({ ...previous, spec, action }));
    }
    return this.describeSchedule(township);
  }

  async getSchedule(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.reservePool.township(reference);
    const refusal = subtreeReadViolation(principal, township);
    if (refusal) this.access.refuse(principal, refusal, township.code);
    return this.describeSchedule(township);
  }

  async deleteSchedule(principal: Principal, reference: string): Promise<void> {
    const township = await this.reservePool.managedTownship(principal, reference);
    try {
      await this.temporal.schedule.getHandle(reserveReviewScheduleId(township.id)).delete();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw scheduleNotFound(township);
      throw temporalCallProblem(error, this.temporalConfig.TEMPORAL_CALL_TIMEOUT_MS) ?? error;
    }
  }

  /** Opens the current half year's review now (专题会议), e.g. right after the Schedule was set up. */
  async runScheduleNow(principal: Principal, reference: string): Promise<ReviewScheduleView> {
    const township = await this.reservePool.managedTownship(principal, reference);
    try {
      await this.temporal.schedule.getHandle(reserveReviewScheduleId(township.id)).trigger('ALLOW_ALL');
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw scheduleNotFound(township);
      throw temporalCallProblem(error, this.temporalConfig.TEMPORAL_CALL_TIMEOUT_MS) ?? error;
    }
    return this.describeSchedule(township);
  }

  /** Schedule handles call Temporal past the client interceptors: their failures are mapped here. */
  private async describeSchedule(township: OrgUnit): Promise<ReviewScheduleView> {
    const scheduleId = reserveReviewScheduleId(township.id);
    try {
      const described = await this.temporal.schedule.getHandle(scheduleId).describe();
      return {
        scheduleId,
        townshipId: township.id,
        paused: described.state.paused,
        nextRuns: described.info.nextActionTimes.slice(0, 4).map((time) => time.toISOString()),
        recentRuns: described.info.recentActions.map((run) => ({
          workflowId: run.action.workflow.workflowId,
          startedAt: run.takenAt.toISOString(),
        })),
      };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw scheduleNotFound(township);
      throw temporalCallProblem(error, this.temporalConfig.TEMPORAL_CALL_TIMEOUT_MS) ?? error;
    }
  }
}
