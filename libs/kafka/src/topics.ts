import { type Kafka } from 'kafkajs';

import { TOPIC_PARTITIONS, type TopicName } from '@app/contracts';

/** Creates the project's topics that do not exist yet (explicitly: brokers run with auto-create off). */
export async function ensureTopics(kafka: Kafka, replicationFactor = 1): Promise<TopicName[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = (Object.keys(TOPIC_PARTITIONS) as TopicName[]).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS[topic],
          replicationFactor,
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
