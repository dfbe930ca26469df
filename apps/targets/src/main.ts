import 'reflect-metadata';

import { runHttpApp } from '@app/config';

import { TargetsModule } from './targets.module';

void runHttpApp(TargetsModule);
