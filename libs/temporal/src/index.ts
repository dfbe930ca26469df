export * from './task-queues';
export * from './temporal-client.module';
export * from './temporal-deadlines';
export * from './temporal-worker.service';
export * from './workflow-bundle';
export * from './encryption-codec';
export * from './gateways';
export * from './search-attributes';
