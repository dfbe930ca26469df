import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';
import { type App } from 'supertest/types';

import { TargetsForecastService } from '../../apps/targets/src/targets-forecast.service';
import { TOPICS, paceAlertEventType, validatePaceAlertV1 } from '../../libs/contracts/src';
import { chinaLocalDate } from '../../libs/domain/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { testProfile } from '../support/test-profile';

/**
 * Year-end forecasts from the cases in flight and pace alerts published on xianfeng.targets.v1, over HTTP and
 * Kafka against the real servers. The statuses asserted here do not depend on the day the test runs:
 * UNREACHABLE (even the whole reachable pipeline falls short) and ACHIEVED.
 */
/** A branch of this file's own: the topic also carries other suites' events for the seeded branches. */
const B1 = `DX-DZ-F${randomUUID().slice(0, 8)}`;
const YEAR = Number(chinaLocalDate(new Date()).slice(0, 4));
const kafka = new Kafka({
  clientId: 'e2e-forecast',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

type Forecast = {
  metrics: Record<
    string,
    {
      quota: number | null;
      actual: number;
      reachable: number | null;
      upperBound: number | null;
      status: string;
    }
  >;
  children: { orgUnit: { code: string }; metrics: Record<string, { actual: number; status: string }> }[];
};

describe('targets forecast and pace alerts (e2e)', () => {
  let apps: RunningApps;
  let branch: TestAgent;
  let planner: TestAgent;
  const alerts: { type: string; data: { orgUnit: { code: string }; metric: string; level: string } }[] = [];
  const reader = kafka.consumer({ groupId: `e2e-forecast-${randomUUID()}` });

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_targets_forecast');
    process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-e2e-${randomUUID()}`;
    process.env.TARGETS_ALERTS_INTERVAL_SECONDS = '0'; // evaluated on demand below
    await withDatabase((db) =>
      db.query(
        `INSERT INTO org_unit (id, code, name, kind, parent_id, path, depth)
         SELECT $1::uuid, $2, '预测村党支部', 'BRANCH', id, path || $1::text || '/', depth + 1
         FROM org_unit WHERE code = 'DX-DZ'`,
        [randomUUID(), B1],
      ),
    );
    apps = await startAllApps();
    branch = await signedIn(apps.api.getHttpServer() as App, {
      sub: 'forecast-secretary',
      name: '预测村党支部书记',
      org_unit: B1,
      roles: ['SECRETARY'],
    });
    planner = await signedIn(apps.targets.getHttpServer() as App, 'zzb-officer');
    await reader.connect();
    await reader.subscribe({ topic: TOPICS.targets, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as (typeof alerts)[number];
        if (validatePaceAlertV1(event)) alerts.push(event);
        else throw new Error(`invalid pace alert on the topic: ${message.value!.toString()}`);
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await reader.disconnect();
    await apps.close();
    delete process.env.TARGETS_ALERTS_INTERVAL_SECONDS;
  });

  it('forecasts from the cases in flight, raises alerts for quotas out of reach, clears them when met', async () => {
    // Three applicants; one becomes an activist today (a year of cultivation puts listing beyond 31 December).
    const ids: string[] = [];
    for (const sequence of ['301', '302', '303']) {
      const created = await branch
        .post('/v1/member-cases')
        .send({
          name: `预测${sequence}`,
          nationalId: nationalIdFor('19980101', sequence),
          birthDate: '1998-01-01',
          branch: B1,
        })
        .expect(201);
      ids.push((created.body as { id: string }).id);
    }
    const today = chinaLocalDate(new Date());
    await branch
      .post(`/v1/member-cases/${ids[0]}/talk`)
      .send({ date: today, actingBody: B1, talker: '书记', summary: '谈话' })
      .expect(200);
    await branch
      .post(`/v1/member-cases/${ids[0]}/activist`)
      .send({ date: today, actingBody: B1, recommendation: 'PARTY_MEMBERS' })
      .expect(200);

    const plan = (metric: string, quota: number) =>
      planner.put('/v1/targets/quotas').send({ orgUnit: B1, year: YEAR, metric, quota }).expect(204);
    await plan('applicants', 3);
    await plan('activists', 5);
    await plan('development-targets', 1);

    const forecast = () => planner.get('/v1/targets/forecast').query({ orgUnit: B1, year: YEAR }).expect(200);
    const counted = await eventually('the applicants and the activist counted', async () => {
      const body = (await forecast()).body as Forecast;
      return body.metrics.activists!.actual === 1 && body.metrics.applicants!.actual === 3 ? body : undefined;
    });
    expect(counted.metrics.applicants).toMatchObject({
      quota: 3,
      actual: 3,
      reachable: null,
      status: 'ACHIEVED',
    });
    expect(counted.metrics.activists).toMatchObject({
      quota: 5,
      actual: 1,
      reachable: 2,
      upperBound: 3,
      status: 'UNREACHABLE',
    });
    expect(counted.metrics['development-targets']).toMatchObject({
      quota: 1,
      actual: 0,
      reachable: 0,
      status: 'UNREACHABLE',
    });
    const county = (
      await planner.get('/v1/targets/forecast').query({ orgUnit: 'DX', year: YEAR }).expect(200)
    ).body as Forecast;
    expect(
      county.children.find((c) => c.orgUnit.code === 'DX-DZ')?.metrics.activists?.actual,
    ).toBeGreaterThanOrEqual(1);

    const service = apps.targets.get(TargetsForecastService);
    const raised = await service.evaluateAlerts();
    expect(
      raised.map((change) => [change.kind, change.orgUnit.code, change.metric, change.level]).sort(),
    ).toEqual([
      ['pace-alert-raised', B1, 'activists', 'UNREACHABLE'],
      ['pace-alert-raised', B1, 'development-targets', 'UNREACHABLE'],
    ]);
    expect(await service.evaluateAlerts()).toEqual([]); // nothing changed: nothing raised twice

    const open = (await planner.get('/v1/targets/alerts').query({ orgUnit: 'DX', year: YEAR }).expect(200))
      .body as { metric: string; orgUnit: { code: string } }[];
    expect(open.map((alert) => alert.metric).sort()).toEqual(['activists', 'development-targets']);
    await eventually('both alerts on the topic', () =>
      Promise.resolve(
        alerts.filter((e) => e.type === paceAlertEventType('pace-alert-raised')).length === 2
          ? true
          : undefined,
      ),
    );

    // The plan is revised to what has been reached: the activists alert clears, the other stays.
    await plan('activists', 1);
    const cleared = await service.evaluateAlerts();
    expect(cleared.map((change) => [change.kind, change.metric])).toEqual([
      ['pace-alert-cleared', 'activists'],
    ]);
    await eventually('the clearance on the topic', () =>
      Promise.resolve(
        alerts.some(
          (e) => e.type === paceAlertEventType('pace-alert-cleared') && e.data.metric === 'activists',
        )
          ? true
          : undefined,
      ),
    );
    const history = (
      await planner
        .get('/v1/targets/alerts')
        .query({ orgUnit: B1, year: YEAR, includeCleared: true })
        .expect(200)
    ).body as { metric: string; clearedOn: string | null }[];
    expect(history.map((alert) => [alert.metric, alert.clearedOn !== null])).toEqual([
      ['development-targets', false],
      ['activists', true],
    ]);

    // Outside one's subtree, forecasts and alerts are refused like every other read.
    const other = await signedIn(apps.targets.getHttpServer() as App, 'xz-organiser');
    expect((await other.get('/v1/targets/alerts').query({ orgUnit: B1, year: YEAR })).body).toMatchObject({
      status: 403,
      code: 'OUT_OF_SCOPE',
    });
    expect((await other.get('/v1/targets/forecast').query({ orgUnit: B1, year: YEAR })).body).toMatchObject({
      status: 403,
      code: 'OUT_OF_SCOPE',
    });
  });
});
