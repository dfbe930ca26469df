import { Injectable } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning } from '@temporalio/client';

import { TemporalConfig } from '@app/config';
import { type OrgUnit } from '@app/domain';
import { reserveReviewWorkflow } from '@app/workflows';

import { reserveReviewScheduleId } from '../task-queues';
import { scheduleError } from './case-errors';
import { ReviewScheduleGateway, type ReviewScheduleView } from './case-gateways';

/** The review schedules as Temporal Schedules (their handles call Temporal past the client interceptors). */
@Injectable()
export class TemporalReviewScheduleGateway extends ReviewScheduleGateway {
  constructor(
    private readonly client: Client,
    private readonly config: TemporalConfig,
  ) {
    super();
  }

  put(township: OrgUnit): Promise<void> {
    const scheduleId = reserveReviewScheduleId(township.id);
    const action = {
      type: 'startWorkflow' as const,
      workflowType: reserveReviewWorkflow,
      // Temporal appends each run's time to this id.
      workflowId: scheduleId,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ townshipId: township.id }] as [{ townshipId: string }],
    };
    const spec = {
      calendars: [
        { comment: '半年分析研判', month: ['JANUARY' as const, 'JULY' as const], dayOfMonth: 1, hour: 9 },
      ],
      timezone: 'Asia/Shanghai',
    };
    return this.call(township, async () => {
      try {
        await this.client.schedule.create({
          scheduleId,
          spec,
          action,
          policies: { overlap: 'ALLOW_ALL', catchupWindow: '30 days' },
          memo: { township: township.code },
        });
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
        await this.client.schedule
          .getHandle(scheduleId)
          .update((previous) => ({ ...previous, spec, action }));
      }
    });
  }

  describe(township: OrgUnit): Promise<ReviewScheduleView> {
    const scheduleId = reserveReviewScheduleId(township.id);
    return this.call(township, async () => {
      const described = await this.client.schedule.getHandle(scheduleId).describe();
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
    });
  }

  trigger(township: OrgUnit): Promise<void> {
    return this.call(township, () =>
      this.client.schedule.getHandle(reserveReviewScheduleId(township.id)).trigger('ALLOW_ALL'),
    );
  }

  remove(township: OrgUnit): Promise<void> {
    return this.call(township, () =>
      this.client.schedule.getHandle(reserveReviewScheduleId(township.id)).delete(),
    );
  }

  private async call<T>(township: OrgUnit, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw scheduleError(error, township.code, this.config.TEMPORAL_CALL_TIMEOUT_MS);
    }
  }
}
