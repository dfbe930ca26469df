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
  MemberDevelopmentActivitiesService,
  createMemberDevelopmentActivities,
} from './activities/member-development.activities';

/** The Temporal worker with its activities. */
@Module({
  providers: [
    MemberDevelopmentActivitiesService,
    {
      provide: TEMPORAL_ACTIVITIES,
      inject: [MemberDevelopmentActivitiesService],
      useFactory: createMemberDevelopmentActivities,
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
