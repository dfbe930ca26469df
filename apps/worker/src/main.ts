import './tracing';
import 'reflect-metadata';

import { runHttpApp } from '@app/config';

import { WorkerModule } from './worker.module';

// The worker serves only /health over HTTP; its work arrives from Temporal task queues.
void runHttpApp(WorkerModule);
