import { type INestApplication, type Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { InvalidEnvironmentError } from './env';
import { ProblemFilter, RequestValidationError } from './problem';
import { HttpConfig } from './sections';

/** Creates an app with JSON logs, strict DTO validation, problem responses and shutdown hooks. */
export async function createHttpApp(rootModule: Type<unknown>): Promise<INestApplication> {
  // Nest's own console logger stays off until the JSON logger is in place; boot errors are printed by runHttpApp.
  const app = await NestFactory.create(rootModule, { logger: false, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(
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
