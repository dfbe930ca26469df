import './tracing';
import 'reflect-metadata';

import { type INestApplication } from '@nestjs/common';

import { runHttpApp } from '@app/config';

import { HrSyncModule, HrSyncTransport } from './hr-sync.module';

/**
 * Connects the cadre-event transport to the app, so its `@EventPattern` handlers receive the events. Not with
 * the HTTP app's global filters (they answer HTTP problems): a handler's failure reaches the transport as is.
 */
export async function startCadreEvents(app: INestApplication): Promise<void> {
  app.connectMicroservice({ strategy: app.get(HrSyncTransport) }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}

if (require.main === module) void runHttpApp(HrSyncModule, startCadreEvents);
