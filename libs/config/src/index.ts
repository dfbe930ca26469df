export * from './bootstrap';
export * from './config.module';
export * from './env';
export * from './health/health';
export * from './logging';
export * from './problem';
export * from './sections';
export * from './clock';
