import { type INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';
import { type App } from 'supertest/types';

import { HR_DEAD_LETTER_TOPIC, HrSyncModule } from '../../apps/hr-sync/src/hr-sync.module';
import { CadreRegister } from '../../apps/hr-sync/src/cadre-register';
import { startCadreEvents } from '../../apps/hr-sync/src/main';
import { TOPICS } from '../../libs/contracts/src';
import { type RunningApps, bootWith, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { emptyDatabase, eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { testProfile } from '../support/test-profile';

/**
 * The reference HR consumer (apps/hr-sync) on the whole stack: a cadre case nominated and qualified through the
 * API reaches the HR register in its own database through the Nest microservice transport; an event delivered
 * again changes nothing, and one that breaks the schema goes to the HR side's dead-letter topic.
 */
const VILLAGE = 'DX-DZ-DC';
const kafka = new Kafka({
  clientId: 'e2e-hr-sync',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

describe('the reference HR consumer (e2e)', () => {
  let apps: RunningApps;
  let hr: INestApplication;
  let township: TestAgent;
  let register: CadreRegister;

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_hr_sync');
    const hrDatabase = await emptyDatabase('hr_register');
    apps = await startAllApps();
    township = await signedIn(apps.api.getHttpServer() as App, 'dz-organiser');
    hr = await bootWith(
      { HR_DATABASE_URL: hrDatabase, HR_SYNC_CONSUMER_GROUP: `hr-sync-${randomUUID()}` },
      HrSyncModule,
    );
    await startCadreEvents(hr);
    register = hr.get(CadreRegister);
  });

  afterAll(async () => {
    await hr?.close();
    await apps?.close();
  });

  it('keeps the register of each case from its events, once each, and dead-letters what it cannot apply', async () => {
    const created = await township
      .post('/v1/cadre-cases')
      .set('Idempotency-Key', `hr-${randomUUID()}`)
      .send({
        programme: 'GUIYAN',
        post: 'SECRETARY_ASSISTANT',
        village: VILLAGE,
        channel: 'TOWNSHIP',
        nominatedOn: '2025-03-03',
        person: { name: '归雁人事', nationalId: nationalIdFor('20000501', '733'), birthDate: '2000-05-01' },
      })
      .expect(201);
    const caseId = (created.body as { id: string }).id;
    await eventually('the nomination in the register', () => register.entry(caseId));
    expect(await register.entry(caseId)).toMatchObject({
      caseId,
      programmeId: 'GUIYAN',
      post: 'SECRETARY_ASSISTANT',
      stage: 'NOMINATED',
      lastEvent: 'nominated',
      lastOccurredOn: '2025-03-03',
      appointedOn: null,
    });

    await township
      .post(`/v1/cadre-cases/${caseId}/qualification-review`)
      .send({
        date: '2025-03-05',
        education: 'BACHELOR',
        politicalStatus: 'FULL_MEMBER',
        source: 'RETURNING_GRADUATE',
        householdVillage: VILLAGE,
        negativeRecords: [],
        relatives: [],
        committeeMemberIds: [],
      })
      .expect(200);
    await eventually('the qualification in the register', async () =>
      (await register.entry(caseId))?.stage === 'QUALIFIED' ? true : undefined,
    );
    const processed = await register.processedEvents();

    // The nomination delivered again (as after a consumer crash before its offset was committed), then an event
    // that breaks the schema, both keyed by the case so they come in this order.
    const nominated = await withDatabase(async (db) => {
      const { rows } = await db.query<{ payload: object }>(
        `SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND event_type = 'cn.xianfeng.cadre.nominated.v1'`,
        [caseId],
      );
      return rows[0]!.payload as { id: string };
    });
    const broken = { ...nominated, id: randomUUID(), data: { caseId } };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: TOPICS.cadre,
      messages: [
        { key: caseId, value: JSON.stringify(nominated) },
        { key: caseId, value: JSON.stringify(broken) },
      ],
    });
    await producer.disconnect();

    const deadLetters: { id: string; error: string }[] = [];
    const reader = kafka.consumer({ groupId: `e2e-hr-dlq-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: HR_DEAD_LETTER_TOPIC, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message }) => {
        const value = JSON.parse(message.value!.toString()) as { id: string };
        deadLetters.push({ id: value.id, error: message.headers?.['x-error']?.toString() ?? '' });
        return Promise.resolve();
      },
    });
    try {
      const dead = await eventually('the broken event dead-lettered', () =>
        Promise.resolve(deadLetters.find((letter) => letter.id === broken.id)),
      );
      expect(dead.error).toContain('must have required property');
    } finally {
      await reader.disconnect();
    }
    // The redelivered nomination came first and changed nothing: still qualified, no event counted twice.
    expect(await register.processedEvents()).toBe(processed);
    expect(await register.entry(caseId)).toMatchObject({ stage: 'QUALIFIED', lastEvent: 'qualified' });
    expect(deadLetters.map((letter) => letter.id)).not.toContain(nominated.id);
  });
});
