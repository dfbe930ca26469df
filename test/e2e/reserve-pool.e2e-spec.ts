import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';
import { type App } from 'supertest/types';

import { TOPICS } from '../../libs/contracts/src';
import { addDays, chinaLocalDate, reviewPeriodOf } from '../../libs/domain/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { documentedMessagesMatching } from '../support/asyncapi';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { testProfile } from '../support/test-profile';

/**
 * The village reserve pool over HTTP through the real workflows, Temporal Schedule, PostgreSQL and Kafka: a local
 * graduate recommended for 南村 enters through 三推二审一选一公示 (entered after the fact), 东镇 sets its policy and
 * its half-year review Schedule, runs this half year's review now, and lists the reservist for inspection; every
 * event is read back from Kafka and matches its documented AsyncAPI message.
 */
const VILLAGE = 'DX-DZ-NC';
const WRITES = ['reserve_entry', 'reserve_record', 'reserve_review', 'reserve_review_task', 'outbox_event'];
const kafka = new Kafka({
  clientId: 'e2e-reserve-pool',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

interface ReceivedEvent {
  readonly type: string;
  readonly subject: string;
  readonly data: { readonly details: Record<string, unknown> };
}

describe('reserve pool (e2e)', () => {
  let apps: RunningApps;
  let township: TestAgent;
  let county: TestAgent;
  let village: TestAgent;
  let otherTownship: TestAgent;
  const events: ReceivedEvent[] = [];
  const reader = kafka.consumer({ groupId: `e2e-reserve-${randomUUID()}` });
  const today = chinaLocalDate(new Date());
  const daysAgo = (days: number) => addDays(today, -days);
  let sequence = 500;

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_reserve_pool');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    township = await signedIn(server, 'dz-organiser');
    county = await signedIn(server, 'zzb-officer');
    village = await signedIn(server, 'nc-secretary');
    otherTownship = await signedIn(server, 'xz-organiser');
    await reader.connect();
    await reader.subscribe({ topic: TOPICS.reservePool, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message }) => {
        events.push(JSON.parse(message.value!.toString()) as ReceivedEvent);
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await reader.disconnect();
    await apps.close();
  });

  const candidate = (birth: string) => ({
    name: `后备${sequence}`,
    nationalId: nationalIdFor(birth.replaceAll('-', ''), String(sequence++)),
    birthDate: birth,
  });
  const recommendation = (birth: string, overrides: object = {}) => ({
    village: VILLAGE,
    category: 'LOCAL_GRADUATE',
    channel: 'ORGANISATION',
    by: '南村党支部',
    recommendedOn: daysAgo(40),
    person: candidate(birth),
    ...overrides,
  });
  const ok = async (agent: TestAgent, path: string, body: object) => {
    const response = await agent.post(path).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; status: string; entryStep: string };
  };
  /** 推 and 二审一选: recommended 40 days ago, selected 30 days ago. */
  async function selected(): Promise<string> {
    const { id } = await ok(township, '/v1/reserve-pool/entries', recommendation('1998-04-12'));
    const step = (agent: TestAgent, action: string, body: object) =>
      ok(agent, `/v1/reserve-pool/entries/${id}/${action}`, body);
    await step(township, 'recommendations', {
      date: daysAgo(39),
      channel: 'MEMBERS_AND_MASSES',
      by: '南村党员群众',
    });
    await step(township, 'qualification-review', {
      date: daysAgo(38),
      education: 'BACHELOR',
      politicalStatus: 'LEAGUE_MEMBER',
      negativeRecords: [],
    });
    // 联审 answered through the county org department.
    await step(county, 'joint-vetting', {
      date: daysAgo(35),
      departments: [
        { department: '纪委监委', result: 'PASS', note: '' },
        { department: '公安', result: 'PASS', note: '' },
        { department: '信访', result: 'CONCERN', note: '曾反映宅基地纠纷，已化解' },
      ],
    });
    expect(
      await step(township, 'selection', {
        date: daysAgo(30),
        approved: true,
        committeeVote: { members: 9, present: 8, yes: 8 },
        minutesRef: '东镇党委会纪要〔2026〕21号',
        concernsFinding: '宅基地纠纷已化解，不影响列为后备力量',
      }),
    ).toMatchObject({ status: 'ENTERING', entryStep: 'SELECTED' });
    return id;
  }

  it('admits a reservist, reviews the township on its Schedule and tells the subscribers', async () => {
    // 东镇 asks one reservist per village for one post.
    const policy = await township
      .put('/v1/reserve-pool/policies/DX-DZ')
      .send({ minReservePerVillage: 1, minReservePerPost: 1 })
      .expect(200);
    expect(policy.body).toMatchObject({ maxAge: 35, minReservePerVillage: 1, noticeWorkingDays: 5 });
    expect((await village.get(`/v1/reserve-pool/policies/${VILLAGE}`).expect(200)).body).toMatchObject({
      minReservePerVillage: 1,
      setAt: (policy.body as { setAt: string }).setAt,
    });
    // A later county-wide change reaches the township in what the township has not set itself; a field sent as
    // null is not set (the default applies), never a policy without it.
    await county
      .put('/v1/reserve-pool/policies/DX')
      .send({ maxAge: 40, minReservePerVillage: 3, noticeWorkingDays: null })
      .expect(200);
    expect((await village.get(`/v1/reserve-pool/policies/${VILLAGE}`).expect(200)).body).toMatchObject({
      maxAge: 40,
      minReservePerVillage: 1,
      noticeWorkingDays: 5,
    });

    const id = await selected();
    await ok(township, `/v1/reserve-pool/entries/${id}/notice`, {
      date: daysAgo(28),
      end: daysAgo(18),
      scope: '南村村务公开栏、东镇政务公开栏',
    });
    expect(
      await ok(township, `/v1/reserve-pool/entries/${id}/notice-close`, { date: daysAgo(17), findings: [] }),
    ).toMatchObject({ status: 'ACTIVE' });
    const records = (await village.get(`/v1/reserve-pool/entries/${id}/records`).expect(200)).body as {
      records: { action: string }[];
      chainValid: boolean;
    };
    expect(records.chainValid).toBe(true);
    expect(records.records.map((record) => record.action)).toEqual([
      'RECOMMEND',
      'RECOMMEND',
      'REVIEW_QUALIFICATION',
      'RECORD_VETTING',
      'SELECT',
      'START_NOTICE',
      'CLOSE_NOTICE',
    ]);
    const listed = (await county.get('/v1/reserve-pool/entries').query({ status: 'ACTIVE' }).expect(200))
      .body as { items: { id: string }[] };
    expect(listed.items.map((entry) => entry.id)).toContain(id);

    // The half-year review Schedule: next on 1 January or 1 July at 09:00 China time.
    const schedule = (await township.put('/v1/reserve-pool/review-schedules/DX-DZ').expect(200)).body as {
      nextRuns: string[];
    };
    const nextPeriodStart = addDays(reviewPeriodOf(today).end, 1);
    expect(schedule.nextRuns[0]).toBe(new Date(`${nextPeriodStart}T09:00:00+08:00`).toISOString());
    await township.post('/v1/reserve-pool/review-schedules/DX-DZ/runs').expect(202);
    const review = await eventually('the review opened by the Schedule', async () => {
      const reviews = (await county.get('/v1/reserve-pool/reviews').query({ township: 'DX-DZ' }).expect(200))
        .body as {
        id: string;
        period: string;
        tasks: { open: number };
        shortfalls: { villageId: string }[];
      }[];
      return reviews[0];
    });
    expect(review).toMatchObject({ period: reviewPeriodOf(today).id, tasks: { open: 1 } });
    const units = await withDatabase(async (db) =>
      Object.fromEntries(
        (await db.query<{ code: string; id: string }>('SELECT code, id FROM org_unit')).rows.map((row) => [
          row.code,
          row.id,
        ]),
      ),
    );
    expect(review.shortfalls.map((shortfall) => shortfall.villageId).sort()).toEqual(
      [units['DX-DZ-DC'], units['DX-DZ-XC']].sort(),
    );
    const detail = (await township.get(`/v1/reserve-pool/reviews/${review.id}`).expect(200)).body as {
      items: { entryId: string; status: string }[];
    };
    expect(detail.items).toEqual([expect.objectContaining({ entryId: id, status: 'OPEN' })]);

    const decide = (agent: TestAgent, body: object) =>
      agent
        .post(`/v1/reserve-pool/reviews/${review.id}/decisions`)
        .send({ date: today, entryId: id, ...body });
    // The village's own secretary cannot decide; a cadre case of someone else cannot be the use.
    expect((await decide(village, { outcome: 'RETAIN' }).expect(403)).body).toMatchObject({
      code: 'BODY_WITHOUT_AUTHORITY',
    });
    expect(
      (await decide(township, { outcome: 'USE', cadreCaseId: randomUUID() }).expect(422)).body,
    ).toMatchObject({ code: 'CADRE_CASE_NOT_OF_RESERVIST' });
    expect((await decide(township, { outcome: 'REMOVE' }).expect(400)).body).toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
    });
    const key = `decision-${randomUUID()}`;
    const listing = { outcome: 'LIST_FOR_INSPECTION', post: '村党组织书记' };
    expect((await decide(township, listing).set('Idempotency-Key', key).expect(200)).body).toMatchObject({
      status: 'LISTED_FOR_INSPECTION',
      inspectionPost: '村党组织书记',
    });
    // The same decision again with its key is the first answer; the key with another decision is refused.
    await decide(township, listing).set('Idempotency-Key', key).expect(200);
    expect(
      (await decide(township, { outcome: 'RETAIN' }).set('Idempotency-Key', key).expect(422)).body,
    ).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await decide(township, { outcome: 'RETAIN' }).expect(422)).body).toMatchObject({
      code: 'REVIEW_ALREADY_DECIDED',
    });

    // Every event on Kafka, each exactly its documented message.
    const kinds = (subject: string) =>
      events.filter((e) => e.subject === subject).map((e) => e.type.split('.')[3]);
    await eventually('the entry and review events on Kafka', () =>
      Promise.resolve(kinds(id).length === 3 && kinds(review.id).length === 3 ? true : undefined),
    );
    expect(kinds(id)).toEqual(['recommended', 'admitted', 'listed-for-inspection']);
    expect(kinds(review.id)).toEqual(['review-opened', 'capacity-shortfall', 'capacity-shortfall']);
    const matching = documentedMessagesMatching();
    for (const event of events.filter((e) => e.subject === id || e.subject === review.id)) {
      expect(matching(event)).toEqual([event.type]);
      expect(JSON.stringify(event)).not.toContain('nationalId');
    }

    // The targets read model counts the reservist admitted in the year of admission, up the tree.
    const planner = await signedIn(apps.targets.getHttpServer() as App, 'county-auditor');
    const admittedIn = Number(daysAgo(17).slice(0, 4));
    await eventually('the reservist counted', async () => {
      const { actuals } = (
        await planner.get('/v1/targets').query({ orgUnit: 'DX', year: admittedIn }).expect(200)
      ).body as { actuals: Record<string, number> };
      return actuals['reservists-admitted'] === 1 ? true : undefined;
    });

    await township.delete('/v1/reserve-pool/review-schedules/DX-DZ').expect(204);
    expect((await township.get('/v1/reserve-pool/review-schedules/DX-DZ').expect(404)).body).toMatchObject({
      code: 'REVIEW_SCHEDULE_NOT_FOUND',
    });
  });

  it('answers bad input with a problem and changes nothing', async () => {
    const id = await selected();
    const before = await rowCounts(WRITES);
    const problem = async (agent: TestAgent, path: string, body: object, status: number) =>
      (await agent.post(path).send(body).expect(status)).body as {
        code: string;
        violations?: { code: string }[];
      };

    expect(
      await problem(
        township,
        '/v1/reserve-pool/entries',
        recommendation('1998-01-01', { category: 'POET' }),
        400,
      ),
    ).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
    expect(
      await problem(
        township,
        '/v1/reserve-pool/entries',
        recommendation('1998-01-01', { village: 'DX-DZ-DC-B1' }),
        422,
      ),
    ).toMatchObject({ code: 'NOT_A_VILLAGE_OF_A_TOWNSHIP' });
    expect(
      await problem(township, '/v1/reserve-pool/entries', recommendation('1980-01-01'), 422),
    ).toMatchObject({
      code: 'RESERVE_AGE_OVER_LIMIT',
      article: 'DOMAIN §3',
    });
    expect(
      await problem(otherTownship, '/v1/reserve-pool/entries', recommendation('1998-01-01'), 403),
    ).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    // A notice of three days at most (fewer than five working days), and a notice posted by the village itself.
    const notice = { date: daysAgo(29), end: daysAgo(27), scope: '南村' };
    expect(await problem(township, `/v1/reserve-pool/entries/${id}/notice`, notice, 422)).toMatchObject({
      code: 'NOTICE_SHORTER_THAN_RULE',
    });
    expect(
      await problem(village, `/v1/reserve-pool/entries/${id}/notice`, { ...notice, end: daysAgo(15) }, 403),
    ).toMatchObject({ code: 'BODY_WITHOUT_AUTHORITY' });
    // A day that does not exist is refused before anything reaches the workflow.
    expect(
      await problem(
        township,
        `/v1/reserve-pool/entries/${id}/notice`,
        { ...notice, date: '2026-02-30' },
        400,
      ),
    ).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
    expect(
      await problem(township, `/v1/reserve-pool/entries/${id}/promotion`, { date: today }, 404),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await township.put(`/v1/reserve-pool/review-schedules/${VILLAGE}`).expect(422)).body,
    ).toMatchObject({ code: 'NOT_A_TOWNSHIP' });
    expect(await rowCounts(WRITES)).toEqual(before);
  });
});
