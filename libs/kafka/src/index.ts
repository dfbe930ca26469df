export * from './kafka.module';
export * from './topics';
export * from './cloud-event-transport';
export * from './consumer-support';
