export * from './case-errors';
export * from './case-gateways';
export * from './temporal-case-gateways';
export * from './temporal-review-schedule.gateway';
