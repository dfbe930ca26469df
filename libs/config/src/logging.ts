import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { LogConfig } from './sections';

/** Structured JSON logs (pino) to stdout; request logs carry a request id, health probes are not logged. */
export function loggingModule(app: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [LogConfig],
    useFactory: (config: LogConfig) => ({
      pinoHttp: {
        level: config.LOG_LEVEL,
        base: { app },
        autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        customProps: () => ({ app }),
      },
    }),
  });
}
