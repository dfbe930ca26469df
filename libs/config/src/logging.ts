import { type DynamicModule } from '@nestjs/common';
import { traceLogFields } from '@app/tracing';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';

import { LogConfig } from './sections';

/** Structured JSON logs (pino) to stdout; every line of a request carries its id, health probes are not logged. */
export function loggingModule(app: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [LogConfig],
    useFactory: (config: LogConfig) => ({
      pinoHttp: {
        level: config.LOG_LEVEL,
        base: { app },
        autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        // The id set by the requestId middleware (the caller's X-Request-Id when well-formed) on every line.
        genReqId: (request) => request.id ?? randomUUID(),
        customProps: (request) => ({ app, requestId: request.id }),
        // The trace and span of whatever the line is about (a request, an activity, a batch), when traced.
        mixin: () => traceLogFields(),
      },
    }),
  });
}
