import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { grpc } from '@temporalio/proto';

import { type HealthIndicator, PiiConfig, TemporalConfig } from '@app/config';
import { activeTracing } from '@app/tracing';

import { temporalDataConverter } from './encryption-codec';
import {
  CadreCaseGateway,
  MemberCaseGateway,
  ReservistGateway,
  ReviewScheduleGateway,
  TemporalCadreCaseGateway,
  TemporalMemberCaseGateway,
  TemporalReservistGateway,
  TemporalReviewScheduleGateway,
} from './gateways';
import { temporalDeadlineInterceptors, temporalGrpcInterceptors } from './temporal-deadlines';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

@Injectable()
export class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Injectable()
export class TemporalHealthIndicator implements HealthIndicator {
  readonly name = 'temporal';
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async check(): Promise<void> {
    const { status } = await this.connection.healthService.check({});
    if (status !== grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING)
      throw new Error(`health status ${String(status)}`);
  }
}

/**
 * Every call has a deadline, and a problem to answer with when Temporal is slow or gone; when tracing is on,
 * each start, update and query is a span whose context travels to the workflow in the call's headers.
 */
function clientInterceptors(connection: Connection, config: TemporalConfig) {
  const bounded = temporalDeadlineInterceptors(
    connection,
    config.TEMPORAL_NAMESPACE,
    config.TEMPORAL_CALL_TIMEOUT_MS,
  );
  return activeTracing()
    ? { ...bounded, workflow: [new OpenTelemetryWorkflowClientInterceptor(), ...bounded.workflow] }
    : bounded;
}

/**
 * Temporal client for starting, updating and querying workflows, and the gateways the API calls it through
 * (one per case kind, and the review schedules). Needs TemporalConfig and PiiConfig.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [TemporalConfig],
      // Lazy: the app starts while Temporal is down (readiness says so) and its calls answer 503 meanwhile.
      useFactory: (config: TemporalConfig) =>
        Connection.lazy({
          address: config.TEMPORAL_ADDRESS,
          interceptors: temporalGrpcInterceptors(config.TEMPORAL_CALL_TIMEOUT_MS),
        }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, TemporalConfig, PiiConfig],
      useFactory: (connection: Connection, config: TemporalConfig, pii: PiiConfig) =>
        new Client({
          connection,
          namespace: config.TEMPORAL_NAMESPACE,
          // Workflow inputs, results and update arguments reach the server encrypted (see EncryptionCodec).
          dataConverter: temporalDataConverter(pii),
          interceptors: clientInterceptors(connection, config),
        }),
    },
    TemporalConnectionCloser,
    TemporalHealthIndicator,
    { provide: MemberCaseGateway, useClass: TemporalMemberCaseGateway },
    { provide: CadreCaseGateway, useClass: TemporalCadreCaseGateway },
    { provide: ReservistGateway, useClass: TemporalReservistGateway },
    { provide: ReviewScheduleGateway, useClass: TemporalReviewScheduleGateway },
  ],
  exports: [
    Client,
    TEMPORAL_CONNECTION,
    TemporalHealthIndicator,
    MemberCaseGateway,
    CadreCaseGateway,
    ReservistGateway,
    ReviewScheduleGateway,
  ],
})
export class TemporalClientModule {}
