import { Module } from '@nestjs/common';

import {
  ConfigModule,
  DatabaseConfig,
  HealthModule,
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  loggingModule,
  MetricsConfig,
  MetricsModule,
  PiiConfig,
  TemporalConfig,
} from '@app/config';
import { DatabaseHealthIndicator, PersistenceModule, PersonIdentityModule } from '@app/persistence';
import { TEMPORAL_ACTIVITIES, TEMPORAL_ACTIVITY_INTERCEPTORS, TemporalWorkerService } from '@app/temporal';

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
import { StuckCases, StuckCasesController } from './activities/stuck-cases';

/** The configuration sections worker validates at boot (the deployment checks test its environment with them). */
export const WORKER_CONFIG = [
  HttpConfig,
  HttpLimitsConfig,
  LogConfig,
  DatabaseConfig,
  TemporalConfig,
  PiiConfig,
  MetricsConfig,
];

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
    StuckCases,
    {
      provide: TEMPORAL_ACTIVITY_INTERCEPTORS,
      inject: [StuckCases],
      useFactory: (stuck: StuckCases) => stuck.interceptors,
    },
    TemporalWorkerService,
  ],
  controllers: [StuckCasesController],
  exports: [TemporalWorkerService],
})
export class WorkerRuntimeModule {}

@Module({
  imports: [
    ConfigModule.forRoot(WORKER_CONFIG),
    loggingModule('worker'),
    MetricsModule,
    PersistenceModule,
    PersonIdentityModule,
    WorkerRuntimeModule,
    HealthModule.forRoot([DatabaseHealthIndicator, TemporalWorkerService], [WorkerRuntimeModule]),
  ],
})
export class WorkerModule {}
