import { toKafkaBatches } from './outbox-relay.service';

describe('toKafkaBatches', () => {
  it('groups by topic, keys by case and keeps the outbox order within each topic', () => {
    const row = (seq: number, topic: string, aggregateId: string) => ({
      id: `e${seq}`,
      seq: BigInt(seq),
      aggregateId,
      topic,
      eventType: 't',
      payload: { seq },
    });
    const batches = toKafkaBatches([
      row(1, 'a', 'c1'),
      row(2, 'b', 'c2'),
      row(3, 'a', 'c1'),
      row(4, 'a', 'c3'),
    ]);
    expect(batches.map((batch) => batch.topic)).toEqual(['a', 'b']);
    expect(batches[0]!.messages.map((message) => [message.key, message.value])).toEqual([
      ['c1', '{"seq":1}'],
      ['c1', '{"seq":3}'],
      ['c3', '{"seq":4}'],
    ]);
    expect(batches[0]!.messages[0]!.headers).toEqual({
      'content-type': 'application/cloudevents+json; charset=utf-8',
    });
  });
});
