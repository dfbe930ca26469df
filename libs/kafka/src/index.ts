export * from './kafka.module';
export * from './topics';
