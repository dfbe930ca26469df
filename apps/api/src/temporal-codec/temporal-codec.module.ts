import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';

import { TemporalCodecController } from './temporal-codec.controller';
import { TemporalCodecService } from './temporal-codec.service';
import { TemporalUiCorsMiddleware } from './temporal-ui-cors.middleware';

/** The remote codec endpoint of the Temporal UI and CLI. Needs PiiConfig. */
@Module({ controllers: [TemporalCodecController], providers: [TemporalCodecService] })
export class TemporalCodecModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every method: the browser's preflight (OPTIONS) must be answered before the bearer token is asked for.
    consumer
      .apply(TemporalUiCorsMiddleware)
      .forRoutes(
        { path: 'v1/temporal-codec/decode', method: RequestMethod.ALL },
        { path: 'v1/temporal-codec/encode', method: RequestMethod.ALL },
      );
  }
}
