import './tracing';
import 'reflect-metadata';

import { runHttpApp } from '@app/config';

import { ApiModule } from './api.module';
import { setupConsole } from './console/serve-console';
import { setupOpenApi } from './openapi/openapi';

void runHttpApp(ApiModule, (app) => {
  setupConsole(app);
  setupOpenApi(app);
});
