import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';
import { type App } from 'supertest/types';

import { TOPICS, cadreEventType, validateCadreEventV1 } from '../../libs/contracts/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, rowCounts, useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { testProfile } from '../support/test-profile';

/**
 * A 归雁计划 recruit over HTTP through the real workflow, PostgreSQL and Kafka, entered after the fact (2025–2026):
 * nominated by the township, qualified, jointly reviewed by the county's departments, assessed, decided, noticed
 * for five working days, appointed, confirmed after a year's trial and filed; HR events read back from Kafka.
 */
const VILLAGE = 'DX-DZ-DC';
const WRITES = ['cadre_case', 'cadre_record', 'outbox_event'];
const kafka = new Kafka({
  clientId: 'e2e-cadre',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

describe('cadre recruitment (e2e)', () => {
  let apps: RunningApps;
  let township: TestAgent;
  let county: TestAgent;
  const events: { type: string; subject: string; data: { details: Record<string, unknown> } }[] = [];
  const reader = kafka.consumer({ groupId: `e2e-cadre-${randomUUID()}` });

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_cadre');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    township = await signedIn(server, 'dz-organiser');
    county = await signedIn(server, 'zzb-officer');
    await reader.connect();
    await reader.subscribe({ topic: TOPICS.cadre, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as (typeof events)[number];
        if (!validateCadreEventV1(event))
          throw new Error(`invalid cadre event: ${message.value!.toString()}`);
        events.push(event);
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await reader.disconnect();
    await apps.close();
  });

  const nominee = (birth: string, sequence: string) => ({
    name: `归雁${sequence}`,
    nationalId: nationalIdFor(birth.replaceAll('-', ''), sequence),
    birthDate: birth,
  });
  const facts = {
    education: 'BACHELOR',
    politicalStatus: 'FULL_MEMBER',
    source: 'RETURNING_GRADUATE',
    householdVillage: VILLAGE,
    negativeRecords: [],
    relatives: [],
    committeeMemberIds: [],
  };

  it('runs a 归雁计划 case from nomination to filing and tells HR at each step', async () => {
    const programmes = (await township.get('/v1/cadre-programmes').expect(200)).body as {
      id: string;
      name: string;
    }[];
    expect(programmes.map((p) => p.name)).toEqual(['归雁计划', '贤人回村', '定制村干']);

    const created = await township
      .post('/v1/cadre-cases')
      .set('Idempotency-Key', `cadre-${randomUUID()}`)
      .send({
        programme: 'GUIYAN',
        post: 'SECRETARY_ASSISTANT',
        village: VILLAGE,
        channel: 'TOWNSHIP',
        nominatedOn: '2025-03-03',
        person: nominee('2000-05-01', '321'),
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const step = (agent: TestAgent, action: string, body: object) =>
      agent.post(`/v1/cadre-cases/${id}/${action}`).send(body);
    const ok = async (agent: TestAgent, action: string, body: object) => {
      const response = await step(agent, action, body);
      if (response.status !== 200)
        throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { stage: string; status: string; outcome: string | null };
    };

    expect(await ok(township, 'qualification-review', { date: '2025-03-05', ...facts })).toMatchObject({
      stage: 'QUALIFIED',
    });
    await ok(township, 'joint-review', { date: '2025-03-06' });
    const departments = (programmes as unknown as { id: string; jointReviewDepartments: string[] }[]).find(
      (p) => p.id === 'GUIYAN',
    )!.jointReviewDepartments;
    // Department answers come in through the county org department, not the township.
    expect(
      (
        await step(township, 'joint-review-opinions', {
          date: '2025-03-10',
          department: departments[0],
          result: 'PASS',
          note: '',
        }).expect(403)
      ).body,
    ).toMatchObject({ code: 'BODY_WITHOUT_AUTHORITY' });
    for (const department of departments) {
      await ok(county, 'joint-review-opinions', { date: '2025-03-10', department, result: 'PASS', note: '' });
    }
    await ok(township, 'assessment', {
      date: '2025-03-20',
      evaluation: { participants: 40, favourable: 36 },
      interviewScore: 85,
    });

    // Only the township committee above the village decides: the village's own committee and another township are refused.
    const decision = {
      date: '2025-03-25',
      approved: true,
      committeeVote: { members: 9, present: 8, yes: 8 },
      minutesRef: '党委会纪要〔2025〕9号',
    };
    const before = await rowCounts(WRITES);
    const villageSecretary = await signedIn(apps.api.getHttpServer() as App, 'dc-secretary');
    expect((await step(villageSecretary, 'decision', decision).expect(403)).body).toMatchObject({
      code: 'BODY_WITHOUT_AUTHORITY',
      article: 'DOMAIN §2.1',
    });
    const otherTownship = await signedIn(apps.api.getHttpServer() as App, 'xz-organiser');
    expect((await step(otherTownship, 'decision', decision).expect(403)).body).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    expect((await step(township, 'decision', { ...decision, date: 'soon' }).expect(400)).body).toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
    });
    expect(await rowCounts(WRITES)).toEqual(before);
    await ok(township, 'decision', decision);

    // 任前公示: Thursday 27 March to Tuesday 1 April is four working days — refused, nothing written; to Wednesday is five.
    const beforeNotice = await rowCounts(WRITES);
    const short = await step(township, 'notice', {
      date: '2025-03-27',
      end: '2025-04-01',
      scope: '本村、本镇',
    }).expect(422);
    expect(short.body).toMatchObject({ code: 'NOTICE_SHORTER_THAN_RULE', article: '干部任用条例 §31' });
    expect(await rowCounts(WRITES)).toEqual(beforeNotice);
    await ok(township, 'notice', { date: '2025-03-27', end: '2025-04-02', scope: '本村、本镇' });
    await ok(township, 'notice-close', { date: '2025-04-03', findings: [] });
    expect(
      await ok(township, 'appointment', {
        date: '2025-04-08',
        termEnd: '2026-12-31',
        documentRef: '聘任书〔2025〕3号',
      }),
    ).toMatchObject({ stage: 'TRIAL' });
    expect(
      (
        await step(township, 'trial-review', { date: '2026-04-07', outcome: 'PASS', opinion: '称职' }).expect(
          422,
        )
      ).body,
    ).toMatchObject({ code: 'TRIAL_NOT_ENDED' });
    // An exit to the reserve pool names the category it is referred under: the workflow's rules say so.
    expect(
      (
        await step(township, 'trial-review', {
          date: '2026-04-10',
          outcome: 'FAIL',
          exitTo: 'RESERVE_POOL',
          opinion: '不称职',
        }).expect(422)
      ).body,
    ).toMatchObject({
      code: 'RESERVE_CATEGORY_REQUIRED',
      article: 'DOMAIN §3',
      title: '违反村干部招引工作规定',
    });
    await ok(township, 'trial-review', { date: '2026-04-10', outcome: 'PASS', opinion: '称职' });
    expect(await ok(county, 'county-filing', { date: '2026-04-15', ref: '备案〔2026〕3号' })).toMatchObject({
      status: 'CLOSED',
      outcome: 'CONFIRMED',
    });

    const records = (await township.get(`/v1/cadre-cases/${id}/records`).expect(200)).body as {
      records: { action: string }[];
      chainValid: boolean;
    };
    expect(records.chainValid).toBe(true);
    expect(records.records[0]!.action).toBe('NOMINATED');
    expect(records.records.at(-1)!.action).toBe('FILE_WITH_COUNTY');

    await eventually('the HR events on the cadre topic', () =>
      Promise.resolve(events.filter((e) => e.subject === id).length >= 4 ? true : undefined),
    );
    // Entered after the fact, the joint review and the trial were past their days when recorded: signalled too.
    const overdue = events.filter((e) => e.subject === id && e.type === cadreEventType('deadline-overdue'));
    expect(overdue.map((e) => e.data.details.deadline).sort()).toEqual(['JOINT_REVIEW_DUE', 'TRIAL_END']);
    const mine = events.filter((e) => e.subject === id && e.type !== cadreEventType('deadline-overdue'));
    expect(mine.map((e) => e.type)).toEqual(
      ['nominated', 'qualified', 'appointed', 'trial-passed'].map((kind) =>
        cadreEventType(kind as 'nominated'),
      ),
    );
    expect(mine[2]!.data.details).toMatchObject({
      post: 'SECRETARY_ASSISTANT',
      mode: 'APPOINTMENT',
      termEnd: '2026-12-31',
      trialEnd: '2026-04-08',
    });
    expect(JSON.stringify(mine)).not.toContain(nominee('2000-05-01', '321').nationalId);
    expect(mine[2]!.data.details).toMatchObject({ education: 'BACHELOR' });

    // The targets read model counts the recruit per stage and programme in the year each stage was reached,
    // for the village and every unit above it.
    const planner = await signedIn(apps.targets.getHttpServer() as App, 'county-auditor');
    const actuals = async (orgUnit: string, year: number) =>
      (
        (await planner.get('/v1/targets').query({ orgUnit, year }).expect(200)).body as {
          actuals: Record<string, number>;
        }
      ).actuals;
    await eventually('the recruit counted', async () =>
      (await actuals('DX', 2026))['cadre-recruits-guiyan-confirmed'] === 1 ? true : undefined,
    );
    expect(await actuals(VILLAGE, 2025)).toMatchObject({
      'cadre-recruits-registered': 1,
      'cadre-recruits-qualified': 1,
      'cadre-recruits-appointed': 1,
      'cadre-recruits-guiyan-appointed': 1,
      'cadre-recruits-xianren-appointed': 0,
      'cadre-recruits-confirmed': 0,
    });
    expect(await actuals('DX-DZ', 2026)).toMatchObject({ 'cadre-recruits-confirmed': 1 });
  });

  it('refuses bad nominations with the rule they break, and records a failed qualification as disqualified with reasons', async () => {
    const before = await rowCounts(WRITES);
    const nominate = (body: object) =>
      township.post('/v1/cadre-cases').send({
        programme: 'GUIYAN',
        post: 'SECRETARY_ASSISTANT',
        village: VILLAGE,
        channel: 'SELF',
        nominatedOn: '2025-03-03',
        person: nominee('2001-01-01', '411'),
        ...body,
      });
    expect((await nominate({ programme: 'NO-SUCH' }).expect(422)).body).toMatchObject({
      code: 'PROGRAMME_UNKNOWN',
    });
    expect((await nominate({ person: nominee('1980-01-01', '421') }).expect(422)).body).toMatchObject({
      code: 'AGE_OUT_OF_RANGE',
      article: '南通 归雁计划（seed 003）',
    });
    expect((await nominate({ post: 'VILLAGE_AFFAIRS_STAFF' }).expect(422)).body).toMatchObject({
      code: 'POST_NOT_IN_PROGRAMME',
    });
    expect((await nominate({ village: 'DX-DZ' }).expect(422)).body).toMatchObject({ code: 'NOT_A_VILLAGE' });
    const outsider = await signedIn(apps.api.getHttpServer() as App, 'xz-organiser');
    expect(
      (
        await outsider
          .post('/v1/cadre-cases')
          .send({
            programme: 'GUIYAN',
            post: 'SECRETARY_ASSISTANT',
            village: VILLAGE,
            channel: 'SELF',
            nominatedOn: '2025-03-03',
            person: nominee('2001-01-01', '411'),
          })
          .expect(403)
      ).body,
    ).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(await rowCounts(WRITES)).toEqual(before);

    const created = await nominate({}).expect(201);
    const id = (created.body as { id: string }).id;
    const reviewed = await township
      .post(`/v1/cadre-cases/${id}/qualification-review`)
      .send({ date: '2025-03-05', ...facts, education: 'SENIOR_HIGH', politicalStatus: 'MASSES' })
      .expect(200);
    expect(reviewed.body).toMatchObject({ status: 'CLOSED', outcome: 'DISQUALIFIED' });
    await eventually('the disqualification on the topic', () =>
      Promise.resolve(events.find((e) => e.subject === id && e.type === cadreEventType('disqualified'))),
    );
    const disqualified = events.find((e) => e.subject === id && e.type === cadreEventType('disqualified'))!;
    expect((disqualified.data.details.reasons as { code: string }[]).map((r) => r.code)).toEqual([
      'EDUCATION_BELOW_MINIMUM',
      'PARTY_MEMBERSHIP_REQUIRED',
    ]);
    expect(
      (await township.post(`/v1/cadre-cases/${id}/joint-review`).send({ date: '2025-03-06' }).expect(409))
        .body,
    ).toMatchObject({ code: 'CASE_CLOSED' });
    await township.post(`/v1/cadre-cases/${id}/promotion`).send({ date: '2025-03-06' }).expect(404);
  });
});
