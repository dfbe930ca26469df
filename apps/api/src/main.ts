import 'reflect-metadata';

import { runHttpApp } from '@app/config';

import { ApiModule } from './api.module';
import { setupOpenApi } from './openapi/openapi';

void runHttpApp(ApiModule, setupOpenApi);
