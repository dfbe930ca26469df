import { type INestApplication, type Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { InvalidEnvironmentError } from './env';
import {
  FILE_MEDIA_TYPES,
  SafeInputPipe,
  jsonBodiesOnly,
  noStore,
  reframeParseErrors,
  requestId,
} from './http-hardening';
import { ProblemFilter, RequestValidationError } from './problem';
import { HttpConfig, HttpLimitsConfig } from './sections';

function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * Creates an app with JSON logs, security headers, JSON-only bodies within a size limit, strict input
 * validation, problem responses and shutdown hooks. The order of the middleware matters: the request id
 * comes first so every later log line and problem carries it.
 */
export async function createHttpApp(rootModule: Type<unknown>): Promise<INestApplication> {
  // Nest's own console logger stays off until the JSON logger is in place; boot errors are printed by runHttpApp.
  // Its default body parsers stay off: JSON only, parsed below with the configured limit.
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    logger: false,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const limits = app.get(HttpLimitsConfig);
  app.set('trust proxy', trustProxy(limits.HTTP_TRUST_PROXY));
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(helmet());
  app.use(noStore);
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: `${limits.HTTP_BODY_LIMIT_KB}kb` });
  // Only file import routes get this far with a spreadsheet (jsonBodiesOnly), so only they have the larger limit.
  app.useBodyParser('raw', { type: [...FILE_MEDIA_TYPES], limit: `${limits.HTTP_FILE_BODY_LIMIT_KB}kb` });
  app.use(reframeParseErrors);
  app.useGlobalPipes(
    new SafeInputPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationError(errors),
    }),
  );
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  return app;
}

/** `main.ts` of every app: boot, listen, and exit with a clear message on bad configuration. */
export async function runHttpApp(
  rootModule: Type<unknown>,
  configure: (app: INestApplication) => void | Promise<void> = () => undefined,
): Promise<void> {
  try {
    const app = await createHttpApp(rootModule);
    await configure(app);
    const http = app.get(HttpConfig);
    await app.listen(http.HTTP_PORT, http.HTTP_HOST);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
