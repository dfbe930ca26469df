import './tracing';
import 'reflect-metadata';

import { runHttpApp } from '@app/config';

import { setupTargetsOpenApi } from './openapi';
import { TargetsModule } from './targets.module';

void runHttpApp(TargetsModule, setupTargetsOpenApi);
