export * from './cadre/cadre-event.v1';
export * from './reserve-pool/reserve-pool-event.v1';
export * from './case-commands';
export * from './case-events';
export * from './cloud-event';
export * from './member-development/applicant-facts';
export * from './member-development/application-received.v1';
export * from './member-development/member-case';
export * from './member-development/member-case-event.v1';
export * from './problem-details';
export * from './record-chain';
export * from './targets/pace-alert.v1';
export * from './topics';

/** CloudEvent `source` of each producer. */
export const EVENT_SOURCES = {
  memberDevelopment: '/xianfeng/member-development',
  targets: '/xianfeng/targets',
  cadre: '/xianfeng/cadre',
  reservePool: '/xianfeng/reserve-pool',
} as const;
export * from './asyncapi';
export * from './person';
