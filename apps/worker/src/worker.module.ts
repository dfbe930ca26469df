import { Module } from '@nestjs/common';

import {
  ConfigModule,
  DatabaseConfig,
  HealthModule,
  HttpConfig,
  LogConfig,
  TemporalConfig,
  loggingModule,
} from '@app/config';
import { DatabaseHealthIndicator, PersistenceModule } from '@app/persistence';
import { TEMPORAL_ACTIVITIES, TemporalWorkerService } from '@app/temporal';

import {
  CadreRecruitmentActivitiesService,
  createCadreRecruitmentActivities,
} from './activities/cadre-recruitment.activities';
import {
  ReservePoolActivitiesService,
  createReservePoolActivities,
} from './activities/reserve-pool.activities';
import {
  MemberDevelopmentActivitiesService,
  createMemberDevelopmentActivities,
} from './activities/member-development.activities';

/** The Temporal worker with its activities. */
@Module({
  providers: [
    MemberDevelopmentActivitiesService,
    CadreRecruitmentActivitiesService,
    ReservePoolActivitiesService,
    {
      provide: TEMPORAL_ACTIVITIES,
      inject: [
        MemberDevelopmentActivitiesService,
        CadreRecruitmentActivitiesService,
        ReservePoolActivitiesService,
      ],
      useFactory: (
        member: MemberDevelopmentActivitiesService,
        cadre: CadreRecruitmentActivitiesService,
        reservePool: ReservePoolActivitiesService,
      ) => ({
        ...createMemberDevelopmentActivities(member),
        ...createCadreRecruitmentActivities(cadre),
        ...createReservePoolActivities(reservePool),
      }),
    },
    TemporalWorkerService,
  ],
  exports: [TemporalWorkerService],
})
export class WorkerRuntimeModule {}

@Module({
  imports: [
    ConfigModule.forRoot([HttpConfig, LogConfig, DatabaseConfig, TemporalConfig]),
    loggingModule('worker'),
    PersistenceModule,
    WorkerRuntimeModule,
    HealthModule.forRoot([DatabaseHealthIndicator, TemporalWorkerService], [WorkerRuntimeModule]),
  ],
})
export class WorkerModule {}
