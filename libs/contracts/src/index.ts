export * from './cloud-event';
export * from './member-development/applicant-facts';
export * from './member-development/application-received.v1';
export * from './member-development/member-case';
export * from './member-development/member-case-event.v1';
export * from './problem-details';
export * from './topics';

/** CloudEvent `source` of each producer. */
export const EVENT_SOURCES = { memberDevelopment: '/xianfeng/member-development' } as const;
export * from './asyncapi';
