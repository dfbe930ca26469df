import './tracing';
import 'reflect-metadata';

import { runHttpApp } from '@app/config';

import { RelayModule } from './relay.module';

void runHttpApp(RelayModule);
