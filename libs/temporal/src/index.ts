export * from './task-queues';
export * from './temporal-client.module';
export * from './temporal-worker.service';
export * from './workflow-bundle';
