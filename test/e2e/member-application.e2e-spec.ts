import { Client as TemporalClient, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import request from 'supertest';
import { type App } from 'supertest/types';

import { APPLICATION_RECEIVED_V1, TOPICS } from '../../libs/contracts/src';
import { DEMO_PEOPLE } from '../../prisma/seed/demo-county';
import { orgUnitId } from '../../prisma/seed/seed';
import { type RunningApps, startAllApps } from '../support/apps';
import { eventually, rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { type TestAgent, signedIn } from '../support/auth';
import { testProfile } from '../support/test-profile';

/**
 * The slice over HTTP through real Temporal, PostgreSQL and Kafka:
 * POST /v1/member-cases → workflow → activity (case + dossier + outbox in one transaction) → relay →
 * Kafka → targets consumer → GET /v1/targets; then a redelivered event must not be counted twice.
 */
const WRITE_TABLES = ['person', 'member_case', 'dossier_record', 'outbox_event'];
const BRANCH = 'DX-DZ-DC-B1';
const ANCESTORS = ['DX', 'DX-DZ', 'DX-DZ-DC', BRANCH];

const idFor = nationalIdFor;

/** A valid application-received event for the seeded branch, as another producer might send it. */
function sampleEvent(): string {
  const path = ANCESTORS.map(orgUnitId);
  return JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    source: '/xianfeng/member-development',
    type: APPLICATION_RECEIVED_V1,
    subject: randomUUID(),
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {
      caseId: randomUUID(),
      personId: randomUUID(),
      stage: 'APPLICANT',
      step: 1,
      ruleSet: '2026.05',
      applicationDate: '2026-11-01',
      branch: { id: path[path.length - 1], path },
      applicant: { gender: 'MALE', birthDate: '1990-01-01' },
    },
  });
}

/** The CloudEvent subject of a message on the topic, if it is one (tests also put garbage there). */
function subjectOf(message: KafkaMessage): string | undefined {
  try {
    return (JSON.parse(message.value?.toString() ?? '') as { subject?: string }).subject;
  } catch {
    return undefined;
  }
}

/** This file's own targets consumer group: it reads the whole topic, whatever other suites consumed. */
const TARGETS_CONSUMER_GROUP = `xianfeng-targets-e2e-${randomUUID()}`;

const kafka = new Kafka({
  clientId: 'e2e',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

describe('member application slice (e2e)', () => {
  let apps: RunningApps;
  let api: TestAgent;
  let targets: TestAgent;
  let planner: TestAgent;
  const seen: KafkaMessage[] = [];
  const reader = kafka.consumer({ groupId: `e2e-reader-${randomUUID()}` });

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_member_application');
    process.env.TARGETS_CONSUMER_GROUP = TARGETS_CONSUMER_GROUP;
    apps = await startAllApps();
    api = await signedIn(apps.api.getHttpServer() as App, 'dc-b1-secretary');
    targets = await signedIn(apps.targets.getHttpServer() as App, 'county-auditor');
    planner = await signedIn(apps.targets.getHttpServer() as App, 'zzb-officer');
    await reader.connect();
    await reader.subscribe({ topic: TOPICS.memberDevelopment, fromBeginning: true });
    await reader.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });
  });

  afterAll(async () => {
    await reader.disconnect();
    await apps.close();
  });

  it('dead-letters messages that can never be counted and keeps consuming the partition', async () => {
    await consumerCaughtUp(); // counts below are deltas: start from a consumer that has read everything
    const before = await applicants(BRANCH);
    const poison = [
      { key: 'garbage', value: 'not json' },
      { key: 'not-ours', value: JSON.stringify({ hello: 'world' }) },
      {
        key: 'bad-id',
        value: JSON.stringify({ ...(JSON.parse(sampleEvent()) as object), id: 'not-a-uuid' }),
      },
    ];
    const dlq: string[] = [];
    const dlqReader = kafka.consumer({ groupId: `e2e-dlq-${randomUUID()}` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: TOPICS.targetsDeadLetter, fromBeginning: true });
    await dlqReader.run({
      eachMessage: ({ message }) => Promise.resolve(void dlq.push(message.key?.toString() ?? '')),
    });
    const producer = kafka.producer();
    await producer.connect();
    // Same key as the valid event below, so they share a partition: the valid one must not be blocked.
    await producer.send({
      topic: TOPICS.memberDevelopment,
      messages: [
        ...poison.map((m) => ({ key: 'same-partition', value: m.value, headers: { 'x-test': m.key } })),
        { key: 'same-partition', value: sampleEvent() },
      ],
    });
    await producer.disconnect();
    await eventually('the valid event after the poison to be counted', async () =>
      (await applicants(BRANCH)) === before + 1 ? true : undefined,
    );
    await eventually('three dead letters', () => Promise.resolve(dlq.length >= 3 ? true : undefined));
    await dlqReader.disconnect();
    expect(dlq).toEqual(['same-partition', 'same-partition', 'same-partition']);
  });

  async function applicants(code: string): Promise<number> {
    const response = await targets.get('/v1/targets').query({ orgUnit: code, year: 2026 }).expect(200);
    return (response.body as { actuals: { applicants: number } }).actuals.applicants;
  }

  /** Resolves once the targets consumer group has committed every message on the topic. */
  async function consumerCaughtUp(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually('targets consumer to commit the end of the topic', async () => {
        const ends = await admin.fetchTopicOffsets(TOPICS.memberDevelopment);
        const [committed] = await admin.fetchOffsets({
          groupId: TARGETS_CONSUMER_GROUP,
          topics: [TOPICS.memberDevelopment],
        });
        const done = ends.every((end) => {
          const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          return Number(end.high) === 0 || Number(offset) >= Number(end.high);
        });
        return done ? true : undefined;
      });
    } finally {
      await admin.disconnect();
    }
  }

  it('records an application, publishes one CloudEvent and counts it once up the org tree, even when redelivered', async () => {
    await consumerCaughtUp();
    const before = await Promise.all(ANCESTORS.map(applicants));
    const nationalId = idFor('19980315', '112');

    const created = await api
      .post('/v1/member-cases')
      .set('Idempotency-Key', `e2e-${randomUUID()}`)
      .send({
        name: '刘洋',
        nationalId,
        birthDate: '1998-03-15',
        branch: BRANCH,
        applicationDate: '2026-11-02',
      })
      .expect(201);
    const memberCase = created.body as {
      id: string;
      stage: string;
      ruleSet: string;
      currentStep: number;
      workflowId: string;
    };
    expect(memberCase).toMatchObject({ stage: 'APPLICANT', ruleSet: '2026.05', currentStep: 1 });
    expect(created.headers.location).toBe(`/v1/member-cases/${memberCase.id}`);
    await api.get(`/v1/member-cases/${memberCase.id}`).expect(200);

    // The workflow holds the case open and reports it.
    const connection = await Connection.connect({ address: `127.0.0.1:${testProfile.temporal.port}` });
    try {
      const description = await new TemporalClient({ connection }).workflow
        .getHandle(memberCase.workflowId)
        .describe();
      expect(description.status.name).toBe('RUNNING');
    } finally {
      await connection.close();
    }

    // Dossier: step 1 recorded once, hash-chained from nothing.
    const dossier = await withDatabase((db) =>
      db.query<{ seq: number; step: number; prev_hash: string | null; hash: string }>(
        'SELECT seq, step, prev_hash, hash FROM dossier_record WHERE case_id = $1',
        [memberCase.id],
      ),
    );
    expect(dossier.rows).toEqual([
      { seq: 1, step: 1, prev_hash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);

    // The event, read back from the topic with our own consumer.
    const message = await eventually('the event on Kafka', () =>
      Promise.resolve(seen.find((m) => subjectOf(m) === memberCase.id)),
    );
    const raw = message.value!.toString();
    const event = JSON.parse(raw) as {
      id: string;
      type: string;
      specversion: string;
      data: { branch: { path: string[] } };
    };
    expect(event).toMatchObject({ specversion: '1.0', type: APPLICATION_RECEIVED_V1 });
    expect(message.key?.toString()).toBe(memberCase.id);
    expect(raw).not.toContain(nationalId);
    expect(event.data.branch.path).toEqual(ANCESTORS.map(orgUnitId));

    // Counted once for the branch and every ancestor.
    await eventually('targets to count the applicant', async () =>
      (await applicants(BRANCH)) === before[3]! + 1 ? true : undefined,
    );
    const after = await Promise.all(ANCESTORS.map(applicants));
    expect(after).toEqual(before.map((count) => count + 1));
    await targets.get('/v1/targets').query({ orgUnit: 'DX-XZ', year: 2026 }).expect(200);

    // Redeliver the very same event: the consumer must see it and change nothing.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: TOPICS.memberDevelopment,
      messages: [{ key: message.key, value: message.value, headers: message.headers }],
    });
    await producer.disconnect();
    await eventually('the redelivered copy on the topic', () =>
      Promise.resolve(seen.filter((m) => m.value!.toString() === raw).length === 2 ? true : undefined),
    );
    await consumerCaughtUp();
    expect(await Promise.all(ANCESTORS.map(applicants))).toEqual(after);
    const processed = await withDatabase((db) =>
      db.query('SELECT 1 FROM processed_event WHERE event_id = $1', [event.id]),
    );
    expect(processed.rowCount).toBe(1);
  });

  it('answers a retried request with the same Idempotency-Key with the same case and writes nothing new', async () => {
    const key = `e2e-${randomUUID()}`;
    const body = {
      name: '孙悦',
      nationalId: idFor('19950620', '224'),
      birthDate: '1995-06-20',
      branch: BRANCH,
    };
    const first = await api.post('/v1/member-cases').set('Idempotency-Key', key).send(body).expect(201);
    const counts = await rowCounts(WRITE_TABLES);
    const second = await api.post('/v1/member-cases').set('Idempotency-Key', key).send(body).expect(201);
    expect(second.body).toEqual(first.body);
    expect(await rowCounts(WRITE_TABLES)).toEqual(counts);

    const another = await api.post('/v1/member-cases').send(body).expect(409);
    expect(another.body).toMatchObject({ code: 'MEMBER_CASE_ALREADY_OPEN' });
    expect(await rowCounts(WRITE_TABLES)).toEqual(counts);
  });

  const valid = {
    name: '周敏',
    nationalId: idFor('20000105', '336'),
    birthDate: '2000-01-05',
    branch: BRANCH,
    applicationDate: '2026-11-20',
  };
  const underage = idFor('20081121', '448');
  it.each([
    ['a missing name', { ...valid, name: undefined }, 400, 'REQUEST_VALIDATION_FAILED', undefined, undefined],
    [
      'a missing national ID',
      { ...valid, nationalId: undefined },
      400,
      'REQUEST_VALIDATION_FAILED',
      undefined,
      undefined,
    ],
    [
      'a missing branch',
      { ...valid, branch: undefined },
      400,
      'REQUEST_VALIDATION_FAILED',
      undefined,
      undefined,
    ],
    ['an unknown field', { ...valid, role: 'admin' }, 400, 'REQUEST_VALIDATION_FAILED', undefined, undefined],
    [
      'an occupation outside the statistics categories',
      { ...valid, profile: { occupation: 'ASTRONAUT' } },
      400,
      'REQUEST_VALIDATION_FAILED',
      undefined,
      undefined,
    ],
    [
      'a wrong check digit',
      { ...valid, nationalId: valid.nationalId.slice(0, 17) + (valid.nationalId.endsWith('0') ? '1' : '0') },
      422,
      'NATIONAL_ID_CHECK_DIGIT_INVALID',
      'GB 11643-1999',
      'nationalId',
    ],
    [
      'a birth date that differs from the ID',
      { ...valid, birthDate: '2000-01-06' },
      422,
      'BIRTH_DATE_MISMATCH',
      'GB 11643-1999',
      'birthDate',
    ],
    [
      'an applicant one day short of 18',
      { ...valid, nationalId: underage, birthDate: '2008-11-21', applicationDate: '2026-11-20' },
      422,
      'T15_APPLICANT_UNDER_18',
      '§5',
      'birthDate',
    ],
    ['an unknown branch', { ...valid, branch: 'NO-SUCH-BRANCH' }, 422, 'BRANCH_UNKNOWN', null, 'branch'],
    [
      'an org unit that is not a 党支部',
      { ...valid, branch: 'DX-DZ' },
      422,
      'APPLICATION_ORG_NOT_BRANCH',
      '§6',
      'branch',
    ],
  ])(
    'rejects %s with a problem response and writes nothing',
    async (_label, body, status, code, article, field) => {
      const before = await rowCounts(WRITE_TABLES);
      const workflowsBefore = await countWorkflows();
      const response = await api.post('/v1/member-cases').send(body).expect(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status,
        code,
        type: `urn:xianfeng:problem:${code}`,
        instance: '/v1/member-cases',
      });
      if (article !== undefined) expect(response.body).toMatchObject({ article });
      // A broken rule names the body field it concerns, for a form to show its message beside that field.
      if (field !== undefined) {
        const problem = response.body as { detail: string; violations: unknown[] };
        expect(problem.violations).toEqual([{ code, article, message: problem.detail, field }]);
      }
      expect(await rowCounts(WRITE_TABLES)).toEqual(before);
      expect(await countWorkflows()).toBe(workflowsBefore);
    },
  );

  it('refuses an application from someone who is already a party member, and records nothing', async () => {
    const member = DEMO_PEOPLE.find((person) => person.membership?.status === 'FULL_MEMBER')!;
    const before = await rowCounts(WRITE_TABLES);
    const response = await api
      .post('/v1/member-cases')
      .send({ ...valid, name: member.name, nationalId: member.nationalId, birthDate: member.birthDate })
      .expect(422);
    expect(response.body).toMatchObject({ code: 'ALREADY_A_PARTY_MEMBER', article: '党章 第一条' });
    expect(await rowCounts(WRITE_TABLES)).toEqual(before);
  });

  it('accepts the same applicant on the 18th birthday', async () => {
    await api
      .post('/v1/member-cases')
      .send({ ...valid, nationalId: underage, birthDate: '2008-11-21', applicationDate: '2026-11-21' })
      .expect(201);
  });

  it('allocates quotas top-down, refuses over-allocation even when concurrent, and reports attainment', async () => {
    const put = (orgUnit: string, quota: number, metric = 'activists') =>
      planner.put('/v1/targets/quotas').send({ orgUnit, year: 2030, metric, quota });
    await put('DX', 500).expect(204);
    await put('DX-DZ', 300).expect(204);
    await put('DX-XZ', 200).expect(204);
    expect((await put('DX-XZ', 201).expect(422)).body).toMatchObject({
      code: 'QUOTA_EXCEEDS_PARENT',
      article: '§38',
    });
    expect((await put('DX', 499).expect(422)).body).toMatchObject({ code: 'QUOTA_BELOW_ALLOCATED' });
    await put('DX', 1, 'votes').expect(400);
    // Two townships' children asking at once for more than their parent has: exactly one gets it.
    const statuses = (await Promise.all([put('DX-DZ-DC', 200), put('DX-DZ-NC', 200)]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([204, 422]);

    const progress = (await targets.get('/v1/targets').query({ orgUnit: 'DX', year: 2030 }).expect(200))
      .body as {
      quotas: Record<string, number | null>;
      attainment: Record<string, number | null>;
      children: { orgUnit: { code: string }; quotas: Record<string, number | null> }[];
    };
    expect(progress.quotas).toMatchObject({ activists: 500, applicants: null });
    expect(progress.attainment).toMatchObject({ activists: 0, applicants: null });
    expect(progress.children.find((c) => c.orgUnit.code === 'DX-DZ')?.quotas.activists).toBe(300);

    // Attainment is actual ÷ quota: this file's branch has counted applicants in 2026.
    const actual = await applicants(BRANCH);
    await planner
      .put('/v1/targets/quotas')
      .send({ orgUnit: BRANCH, year: 2026, metric: 'applicants', quota: 4 * actual })
      .expect(204);
    const branchProgress = (
      await targets.get('/v1/targets').query({ orgUnit: BRANCH, year: 2026 }).expect(200)
    ).body as {
      attainment: Record<string, number | null>;
    };
    expect(branchProgress.attainment.applicants).toBe(0.25);
  });

  it('serves health and the OpenAPI document', async () => {
    for (const app of [apps.api, apps.worker, apps.relay, apps.targets]) {
      await request(app.getHttpServer() as App)
        .get('/health/live')
        .expect(200);
      await request(app.getHttpServer() as App)
        .get('/health/ready')
        .expect(200);
    }
    const openapi = await api.get('/docs-json').expect(200);
    expect(Object.keys((openapi.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/v1/member-cases', '/v1/member-cases/{id}']),
    );
  });
});

async function countWorkflows(): Promise<number> {
  const connection = await Connection.connect({ address: `127.0.0.1:${testProfile.temporal.port}` });
  try {
    const { count } = await new TemporalClient({ connection }).workflow.count(
      'WorkflowType = "memberDevelopmentWorkflow"',
    );
    return count;
  } finally {
    await connection.close();
  }
}

describe('targets consumer shutdown (e2e)', () => {
  it('leaves the consumer group when the app stops, so partitions move at once', async () => {
    await useIsolatedDatabase('e2e_shutdown');
    const apps = await startAllApps();
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually('the consumer to join', async () => {
        const { groups } = await admin.describeGroups([TARGETS_CONSUMER_GROUP]);
        return groups[0]?.state === 'Stable' ? true : undefined;
      });
      await apps.close();
      const { groups } = await admin.describeGroups([TARGETS_CONSUMER_GROUP]);
      expect(groups[0]).toMatchObject({ state: 'Empty', members: [] });
    } finally {
      await admin.disconnect();
    }
  });
});
