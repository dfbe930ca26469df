/** Kafka topics. Versioned names: a breaking change gets a new topic, never an edit of the old one. */
export const TOPICS = {
  memberDevelopment: 'xianfeng.member-development.v1',
  cadre: 'xianfeng.cadre.v1',
  reservePool: 'xianfeng.reserve-pool.v1',
  targets: 'xianfeng.targets.v1',
  /** Messages the targets consumer could not accept (invalid or unknown), kept for inspection. */
  targetsDeadLetter: 'xianfeng.targets-consumer.dlq.v1',
} as const;
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Partition counts: events are keyed by case id, so a case stays in order within its partition. */
export const TOPIC_PARTITIONS: Record<TopicName, number> = {
  [TOPICS.memberDevelopment]: 3,
  [TOPICS.cadre]: 3,
  [TOPICS.reservePool]: 3,
  [TOPICS.targets]: 1,
  [TOPICS.targetsDeadLetter]: 1,
};
