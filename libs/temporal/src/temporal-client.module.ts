import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { grpc } from '@temporalio/proto';

import { type HealthIndicator, TemporalConfig } from '@app/config';

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

/** Temporal client for starting, updating and querying workflows. Needs TemporalConfig. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [TemporalConfig],
      useFactory: (config: TemporalConfig) => Connection.connect({ address: config.TEMPORAL_ADDRESS }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, TemporalConfig],
      useFactory: (connection: Connection, config: TemporalConfig) =>
        new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    },
    TemporalConnectionCloser,
    TemporalHealthIndicator,
  ],
  exports: [Client, TEMPORAL_CONNECTION, TemporalHealthIndicator],
})
export class TemporalClientModule {}
