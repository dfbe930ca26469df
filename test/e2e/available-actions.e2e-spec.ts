import { type App } from 'supertest/types';

import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * GET …/{id}/available-actions answers in one shape for a member case, a cadre case and a reservist: each
 * action's Chinese name, acting org units, endpoint, body schema, earliest date and an example body — which,
 * POSTed as it is to its endpoint, is recorded (it is valid today).
 */
interface Item {
  action: string;
  name: string;
  step: number;
  actingOrgUnits: { id: string; code: string; name: string }[];
  method: string;
  endpoint: string;
  operationId: string;
  bodySchema: { type?: string; properties?: Record<string, unknown> } | null;
  exampleBody: Record<string, unknown>;
  earliest: string | null;
  notYet: { code: string }[];
}

describe('available actions of every case kind (e2e)', () => {
  let apps: RunningApps;
  let township: TestAgent;
  let branch: TestAgent;
  let outsider: TestAgent;
  let county: TestAgent;
  const today = chinaLocalDate(new Date());
  const daysAgo = (days: number) => addDays(today, -days);

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_available_actions');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    township = await signedIn(server, 'dz-organiser');
    branch = await signedIn(server, 'dc-b1-committee-member');
    outsider = await signedIn(server, 'xz-organiser');
    county = await signedIn(server, 'zzb-officer');
  });

  afterAll(async () => {
    await apps.close();
  });

  const list = async (agent: TestAgent, path: string) => (await agent.get(path).expect(200)).body as Item[];
  const recorded = async (agent: TestAgent, item: Item) => {
    const response = await agent.post(item.endpoint).send(item.exampleBody);
    if (response.status !== 200)
      throw new Error(`${item.endpoint}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const selfContained = (item: Item) => {
    expect(item.method).toBe('POST');
    expect(item.bodySchema).toMatchObject({ type: 'object' });
    expect(JSON.stringify(item.bodySchema)).not.toContain('$ref');
  };

  it('a cadre case: names, acting units, endpoint, earliest date, and an example body recorded as it is', async () => {
    const created = await township
      .post('/v1/cadre-cases')
      .send({
        programme: 'GUIYAN',
        post: 'SECRETARY_ASSISTANT',
        village: 'DX-DZ-DC',
        channel: 'TOWNSHIP',
        nominatedOn: daysAgo(10),
        person: { name: '归雁701', nationalId: nationalIdFor('20000501', '701'), birthDate: '2000-05-01' },
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const nominated = await list(township, `/v1/cadre-cases/${id}/available-actions`);
    const qualification = nominated.find((item) => item.action === 'REVIEW_QUALIFICATION')!;
    expect(qualification).toMatchObject({
      name: '资格审查',
      step: 2,
      endpoint: `/v1/cadre-cases/${id}/qualification-review`,
      operationId: 'reviewCadreQualification',
      actingOrgUnits: [{ code: 'DX-DZ' }],
      earliest: daysAgo(10),
      notYet: [],
      exampleBody: { date: today },
      yours: true,
    });
    // The county org department reads the case but the qualification review is the township's.
    const seenByCounty = await list(county, `/v1/cadre-cases/${id}/available-actions`);
    expect(seenByCounty.find((item) => item.action === 'REVIEW_QUALIFICATION')).toMatchObject({
      yours: false,
    });
    selfContained(qualification);
    await recorded(township, qualification);

    const qualified = await list(township, `/v1/cadre-cases/${id}/available-actions`);
    const jointReview = qualified.find((item) => item.action === 'OPEN_JOINT_REVIEW')!;
    expect(jointReview).toMatchObject({ name: '资格联审', step: 3, earliest: today, notYet: [] });
    expect(jointReview.actingOrgUnits.map((unit) => unit.code)).toContain('DX-DZ');
    await recorded(township, jointReview);
    // Read access as for the case: another township's organiser is refused.
    expect((await outsider.get(`/v1/cadre-cases/${id}/available-actions`).expect(403)).body).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
  });

  it('a reservist: the qualification review from its recommendation on, recorded from its example', async () => {
    const created = await township
      .post('/v1/reserve-pool/entries')
      .send({
        village: 'DX-DZ-NC',
        category: 'LOCAL_GRADUATE',
        channel: 'ORGANISATION',
        by: '南村党支部',
        recommendedOn: daysAgo(8),
        person: { name: '后备701', nationalId: nationalIdFor('20000101', '702'), birthDate: '2000-01-01' },
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const items = await list(township, `/v1/reserve-pool/entries/${id}/available-actions`);
    const qualification = items.find((item) => item.action === 'REVIEW_QUALIFICATION')!;
    expect(qualification).toMatchObject({
      name: '资格审查',
      step: 2,
      endpoint: `/v1/reserve-pool/entries/${id}/qualification-review`,
      operationId: 'reviewReservistQualification',
      actingOrgUnits: [{ code: 'DX-DZ' }],
      earliest: daysAgo(8),
      notYet: [],
      yours: true,
    });
    // No half-year review is open for the entry: no review decision to take.
    expect(items.map((item) => item.action)).not.toContain('DECIDE_REVIEW');
    selfContained(qualification);
    await recorded(township, qualification);
  });

  it('a member case: the earlier fields kept, the common ones added, the talk recorded from its example', async () => {
    const created = await branch
      .post('/v1/member-cases')
      .send({
        name: '赵可',
        nationalId: nationalIdFor('19990812', '703'),
        birthDate: '1999-08-12',
        branch: 'DX-DZ-DC-B1',
        applicationDate: daysAgo(5),
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const items = await list(branch, `/v1/member-cases/${id}/available-actions`);
    const talk = items.find((item) => item.action === 'RECORD_TALK')!;
    expect(talk).toMatchObject({
      type: 'RECORD_TALK',
      path: 'talk',
      actingBodies: [{ code: 'DX-DZ-DC-B1' }],
      name: '党组织派人谈话',
      step: 2,
      endpoint: `/v1/member-cases/${id}/talk`,
      operationId: 'recordTalk',
      actingOrgUnits: [{ code: 'DX-DZ-DC-B1' }],
      earliest: daysAgo(5),
      notYet: [],
      exampleBody: { date: today, actingBody: 'DX-DZ-DC-B1' },
    });
    selfContained(talk);
    await recorded(branch, talk);
    const after = await list(branch, `/v1/member-cases/${id}/available-actions`);
    // The talk is recorded today: nothing may be dated before it any more.
    expect(after.find((item) => item.action === 'DETERMINE_ACTIVIST')).toMatchObject({
      name: '入党积极分子确定',
      earliest: today,
    });
  });
});
