import { Client as TemporalClient } from '@temporalio/client';
import { type App } from 'supertest/types';

import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { cadreCaseWorkflowId, memberCaseWorkflowId } from '../../libs/temporal/src';
import { reservistWorkflowId } from '../../workflows/reserve-pool/reservist.workflow';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * Case lists and search over HTTP, on cases created through the API and its workflows: 东镇 (DX-DZ) with
 * member cases in 南村 and 东村第一党支部 and cadre cases and a reservist in 南村, 西镇 (DX-XZ) with its own
 * in 北村. Partial names, exact ID numbers (in the body only), stage, subtree, overdue, keyset pages in
 * each order, the caller's scope, bad input. The same cases listed in Temporal by their search attributes.
 */
const TODAY = chinaLocalDate(new Date());
const daysAgo = (days: number) => addDays(TODAY, -days);
const NC = 'DX-DZ-NC';
const DC_B1 = 'DX-DZ-DC-B1';
const BC = 'DX-XZ-BC';
const MASKED = /^\*{17}[0-9X]$/;

interface Item {
  id: string;
  person: { id: string; name: string; nationalIdMasked: string };
  orgUnit: { id: string; code: string; name: string };
  status: string;
  stage: string;
  currentStep?: number;
  applicationDate?: string;
  nominatedOn?: string;
  programmeId?: string;
  post?: string;
  updatedAt: string;
  openTasks: number;
  nextDueOn: string | null;
  overdue: boolean;
}
type Page = { items: Item[]; nextCursor: string | null };

describe('case lists and search (e2e)', () => {
  let apps: RunningApps;
  let township: TestAgent;
  let otherTownship: TestAgent;
  let county: TestAgent;
  let nanCun: TestAgent;
  let sequence = 900;
  /** Case ids and ID numbers by the applicant's name. */
  const cases = new Map<string, { id: string; nationalId: string }>();
  /** When this suite began: Temporal's visibility holds other suites' cases of the same demo county too. */
  const since = new Date().toISOString();

  const person = (name: string, birth: string) => ({
    name,
    nationalId: nationalIdFor(birth.replaceAll('-', ''), String(sequence++)),
    birthDate: birth,
  });
  const created = async (agent: TestAgent, path: string, body: object) => {
    const response = await agent.post(path).send(body);
    if (response.status !== 201)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const apply = async (
    agent: TestAgent,
    branch: string,
    name: string,
    applied: number,
    birth = '1995-03-01',
  ) => {
    const applicant = person(name, birth);
    const { id } = await created(agent, '/v1/member-cases', {
      ...applicant,
      branch,
      applicationDate: daysAgo(applied),
    });
    cases.set(name, { id, nationalId: applicant.nationalId });
    return id;
  };
  const nominate = async (agent: TestAgent, village: string, name: string, post: string) => {
    const nominee = person(name, '2000-05-01');
    const { id } = await created(agent, '/v1/cadre-cases', {
      programme: 'GUIYAN',
      post,
      village,
      channel: 'TOWNSHIP',
      nominatedOn: daysAgo(15),
      person: nominee,
    });
    cases.set(name, { id, nationalId: nominee.nationalId });
    return id;
  };
  const list = async (agent: TestAgent, path: string, query: object = {}) =>
    (
      await agent
        .get(path)
        .query({ limit: 200, ...query })
        .expect(200)
    ).body as Page;
  const names = (page: Page) => page.items.map((item) => item.person.name).sort();

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_case_search');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    township = await signedIn(server, 'dz-organiser');
    otherTownship = await signedIn(server, 'xz-organiser');
    county = await signedIn(server, 'zzb-officer');
    nanCun = await signedIn(server, 'nc-secretary');
    const dcB1 = await signedIn(server, 'dc-b1-committee-member');
    const beiCun = await signedIn(server, 'bc-secretary');

    // 张建国 applied two months ago: his talk (due within a month, T1) is overdue.
    await apply(nanCun, NC, '张建国', 60);
    await apply(nanCun, NC, '欧阳建国', 10);
    await apply(nanCun, NC, '李秀兰', 5);
    await apply(nanCun, NC, '阿依古丽·Ayguli', 4);
    const activist = await apply(nanCun, NC, '王小明', 30);
    for (const [path, body] of [
      ['talk', { talker: '书记', summary: '谈话' }],
      ['activist', { recommendation: 'PARTY_MEMBERS' }],
    ] as const) {
      const response = await nanCun
        .post(`/v1/member-cases/${activist}/${path}`)
        .send({ date: TODAY, actingBody: NC, ...body });
      if (response.status !== 200)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await apply(dcB1, DC_B1, '赵建华', 8);
    await apply(dcB1, DC_B1, '孙丽', 1);
    await apply(beiCun, BC, '张建军', 7);

    await nominate(township, NC, '归雁甲', 'SECRETARY_ASSISTANT');
    await nominate(township, NC, '归雁乙', 'DIRECTOR_ASSISTANT');
    await nominate(otherTownship, BC, '归雁丙', 'SECRETARY_ASSISTANT');

    const reservist = person('后备甲', '1998-04-12');
    const entry = await created(township, '/v1/reserve-pool/entries', {
      village: NC,
      category: 'LOCAL_GRADUATE',
      channel: 'ORGANISATION',
      by: '南村党支部',
      recommendedOn: daysAgo(40),
      person: reservist,
    });
    cases.set('后备甲', { id: entry.id, nationalId: reservist.nationalId });
  });

  afterAll(async () => {
    await apps.close();
  });

  it('lists the township’s member cases: name, masked ID number, unit, stage, step, tasks', async () => {
    const page = await list(township, '/v1/member-cases');
    expect(names(page)).toEqual(
      ['张建国', '欧阳建国', '李秀兰', '阿依古丽·Ayguli', '王小明', '赵建华', '孙丽'].sort(),
    );
    expect(page.nextCursor).toBeNull();
    const zhang = page.items.find((item) => item.person.name === '张建国')!;
    expect(zhang).toMatchObject({
      id: cases.get('张建国')!.id,
      orgUnit: { code: NC, name: '南村党支部' },
      status: 'OPEN',
      stage: 'APPLICANT',
      currentStep: 1,
      applicationDate: daysAgo(60),
      overdue: true,
    });
    expect(zhang.openTasks).toBeGreaterThan(0);
    expect(zhang.nextDueOn! < TODAY).toBe(true);
    expect(page.items.find((item) => item.person.name === '王小明')).toMatchObject({ stage: 'ACTIVIST' });
    // Only the mask leaves the server, never the number.
    for (const item of page.items) expect(item.person.nationalIdMasked).toMatch(MASKED);
    const body = JSON.stringify(page);
    for (const { nationalId } of cases.values()) expect(body).not.toContain(nationalId.slice(0, 14));
  });

  it('finds by part of a name, case-insensitive, within the caller’s scope', async () => {
    expect(names(await list(township, '/v1/member-cases', { name: '建国' }))).toEqual(
      ['张建国', '欧阳建国'].sort(),
    );
    // In the middle of a four-character name, and Latin letters in any case.
    expect(names(await list(township, '/v1/member-cases', { name: '阳建' }))).toEqual(['欧阳建国']);
    expect(names(await list(township, '/v1/member-cases', { name: 'ayGULI' }))).toEqual(['阿依古丽·Ayguli']);
    // 张建军 is 西镇's: not in 东镇's list, in the county's.
    expect(names(await list(township, '/v1/member-cases', { name: '建' }))).toEqual(
      ['张建国', '欧阳建国', '赵建华'].sort(),
    );
    expect(names(await list(county, '/v1/member-cases', { name: '张建' }))).toEqual(
      ['张建军', '张建国'].sort(),
    );
    // Wildcards are taken literally.
    expect(names(await list(township, '/v1/member-cases', { name: '%' }))).toEqual([]);
  });

  it('finds by exact national ID number, sent in the body and never in the URL', async () => {
    const { id, nationalId } = cases.get('李秀兰')!;
    const found = await township.post('/v1/member-cases/search').send({ nationalId }).expect(200);
    expect((found.body as Page).items.map((item) => item.id)).toEqual([id]);
    // Another township's case is not found from here, but is from the county.
    const other = cases.get('张建军')!;
    const elsewhere = await township.post('/v1/member-cases/search').send({ nationalId: other.nationalId });
    expect((elsewhere.body as Page).items).toEqual([]);
    const fromCounty = await county.post('/v1/member-cases/search').send({ nationalId: other.nationalId });
    expect((fromCounty.body as Page).items.map((item) => item.id)).toEqual([other.id]);
    // Body filters combine like the query's.
    const combined = await township
      .post('/v1/member-cases/search')
      .send({ nationalId, stage: 'ACTIVIST' })
      .expect(200);
    expect((combined.body as Page).items).toEqual([]);
    const inUrl = await township.get('/v1/member-cases').query({ nationalId }).expect(400);
    expect(inUrl.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('filters by stage, step, status, dates and subtree', async () => {
    expect(names(await list(township, '/v1/member-cases', { stage: 'ACTIVIST' }))).toEqual(['王小明']);
    expect(names(await list(township, '/v1/member-cases', { step: 1, orgUnit: NC }))).toEqual(
      ['张建国', '欧阳建国', '李秀兰', '阿依古丽·Ayguli'].sort(),
    );
    expect(names(await list(township, '/v1/member-cases', { status: 'CLOSED' }))).toEqual([]);
    expect(
      names(await list(township, '/v1/member-cases', { appliedFrom: daysAgo(10), appliedTo: daysAgo(4) })),
    ).toEqual(['欧阳建国', '李秀兰', '阿依古丽·Ayguli', '赵建华'].sort());
    expect(
      names(await list(township, '/v1/member-cases', { updatedFrom: TODAY, updatedTo: TODAY })),
    ).toHaveLength(7);
    expect(names(await list(township, '/v1/member-cases', { orgUnit: 'DX-DZ-DC' }))).toEqual(
      ['孙丽', '赵建华'].sort(),
    );
    expect(names(await list(county, '/v1/member-cases', { orgUnit: 'DX-XZ' }))).toEqual(['张建军']);
  });

  it('filters overdue cases: an open task past its due date today', async () => {
    const overdue = await list(township, '/v1/member-cases', { overdue: true });
    expect(names(overdue)).toEqual(['张建国']);
    const onTime = await list(township, '/v1/member-cases', { overdue: false });
    expect(names(onTime)).toHaveLength(6);
    expect(onTime.items.every((item) => !item.overdue)).toBe(true);
  });

  it('pages without repeating or skipping, in each order, the cursor bound to its list', async () => {
    const orders = [
      { sort: 'name', order: undefined },
      { sort: 'name', order: 'desc' },
      { sort: 'applicationDate', order: 'asc' },
      { sort: 'applicationDate', order: undefined },
      { sort: 'updatedAt', order: undefined },
    ];
    for (const { sort, order } of orders) {
      const query = { sort, ...(order ? { order } : {}) };
      const whole = (await list(county, '/v1/member-cases', query)).items.map((item) => item.id);
      expect(whole).toHaveLength(8);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(county, '/v1/member-cases', {
          ...query,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(3);
        paged.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect({ sort, order, paged }).toEqual({ sort, order, paged: whole });
    }
    // Pinyin order by name (欧阳 ōu before 张 zhāng), ties broken by id; dates ascending when asked.
    const byName = (await list(county, '/v1/member-cases', { sort: 'name' })).items.map(
      (item) => item.person.name,
    );
    expect(byName).toEqual([
      '阿依古丽·Ayguli',
      '李秀兰',
      '欧阳建国',
      '孙丽',
      '王小明',
      '张建国',
      '张建军',
      '赵建华',
    ]);
    const byDate = (await list(county, '/v1/member-cases', { sort: 'applicationDate', order: 'asc' })).items;
    expect(byDate.map((item) => item.applicationDate)).toEqual(
      byDate.map((item) => item.applicationDate).sort(),
    );
    const byUpdate = (await list(county, '/v1/member-cases', { sort: 'updatedAt' })).items;
    expect(byUpdate.map((item) => item.updatedAt)).toEqual(
      byUpdate
        .map((item) => item.updatedAt)
        .sort()
        .reverse(),
    );

    const first = await list(county, '/v1/member-cases', { sort: 'name', limit: 2 });
    const elsewhere = await county
      .get('/v1/member-cases')
      .query({ sort: 'updatedAt', cursor: first.nextCursor })
      .expect(400);
    expect(elsewhere.body).toMatchObject({ status: 400, code: 'CURSOR_INVALID' });
    const cadreList = await county
      .get('/v1/cadre-cases')
      .query({ sort: 'name', cursor: first.nextCursor })
      .expect(400);
    expect(cadreList.body).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('refuses a unit outside the caller’s scope like every subtree read (403 OUT_OF_SCOPE)', async () => {
    const response = await nanCun.get('/v1/member-cases').query({ orgUnit: 'DX-XZ' }).expect(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    await nanCun.get('/v1/cadre-cases').query({ orgUnit: 'DX-DZ' }).expect(403);
    await nanCun.post('/v1/member-cases/search').send({ orgUnit: BC }).expect(403);
    // Without a unit: the caller's own scope.
    expect(names(await list(nanCun, '/v1/member-cases'))).toEqual(
      ['张建国', '欧阳建国', '李秀兰', '阿依古丽·Ayguli', '王小明'].sort(),
    );
    const unknown = await township.get('/v1/member-cases').query({ orgUnit: 'DX-NOWHERE' }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'ORG_UNIT_UNKNOWN' });
  });

  it('answers bad filters with a 400 problem naming the field', async () => {
    for (const query of [
      { stage: 'S9' },
      { limit: 201 },
      { limit: 0 },
      { step: 'one' },
      { overdue: 'maybe' },
      { appliedFrom: '2026-02-30' },
      { sort: 'birthDate' },
      { name: '' },
    ]) {
      const response = await township.get('/v1/member-cases').query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
      expect(JSON.stringify(response.body)).toContain(Object.keys(query)[0]);
    }
    const badNumber = await township
      .post('/v1/member-cases/search')
      .send({ nationalId: '12345' })
      .expect(400);
    expect(badNumber.body).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
    // The body is typed: text where a number belongs is refused, not converted.
    await township.post('/v1/member-cases/search').send({ limit: '5' }).expect(400);
    const garbage = await township.get('/v1/member-cases').query({ cursor: 'abc' }).expect(400);
    expect(garbage.body).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('lists cadre cases by programme, post and stage within the caller’s scope', async () => {
    const own = await list(township, '/v1/cadre-cases');
    expect(names(own)).toEqual(['归雁乙', '归雁甲']);
    expect(own.items.find((item) => item.person.name === '归雁甲')).toMatchObject({
      id: cases.get('归雁甲')!.id,
      programmeId: 'GUIYAN',
      post: 'SECRETARY_ASSISTANT',
      stage: 'NOMINATED',
      status: 'OPEN',
      nominatedOn: daysAgo(15),
      orgUnit: { code: NC },
    });
    expect(own.items.every((item) => item.openTasks > 0)).toBe(true);
    expect(names(await list(township, '/v1/cadre-cases', { post: 'DIRECTOR_ASSISTANT' }))).toEqual([
      '归雁乙',
    ]);
    expect(names(await list(township, '/v1/cadre-cases', { programme: 'XIANREN' }))).toEqual([]);
    expect(names(await list(county, '/v1/cadre-cases', { stage: 'NOMINATED' }))).toHaveLength(3);
    expect(names(await list(otherTownship, '/v1/cadre-cases'))).toEqual(['归雁丙']);
    const { id, nationalId } = cases.get('归雁丙')!;
    const byNumber = await county.post('/v1/cadre-cases/search').send({ nationalId }).expect(200);
    expect((byNumber.body as Page).items.map((item) => item.id)).toEqual([id]);
    await township.get('/v1/cadre-cases').query({ programme: 'NOPE' }).expect(400);
  });

  it('lists a township’s cases at a stage in Temporal by their search attributes, with nothing personal in them', async () => {
    const temporal = apps.api.get(TemporalClient);
    const unitId = async (agent: TestAgent, code: string) =>
      ((await agent.get(`/v1/org-units/${code}`).expect(200)).body as { id: string }).id;
    const dongZhen = await unitId(township, 'DX-DZ');
    const xiZhen = await unitId(otherTownship, 'DX-XZ');
    // Open cases only: a run that continued as new at a stage boundary keeps showing the stage it left.
    const listed = async (query: string) => {
      const ids: string[] = [];
      const open = `ExecutionStatus = 'Running' AND StartTime >= '${since}'`;
      for await (const execution of temporal.workflow.list({ query: `${query} AND ${open}` }))
        ids.push(execution.workflowId);
      return ids.sort();
    };
    const members = (...names: string[]) =>
      names.map((name) => memberCaseWorkflowId(cases.get(name)!.id)).sort();
    // Each workflow publishes where its case stands once it is recorded: visibility catches up soon after.
    const listedAs = async (query: string, expected: readonly string[]) => {
      const same = (ids: readonly string[]) => JSON.stringify(ids) === JSON.stringify(expected);
      await eventually(query, async () => (same(await listed(query)) ? true : undefined)).catch(() => {});
      expect(await listed(query)).toEqual(expected);
    };

    await listedAs(`XianfengOrgPath = '${dongZhen}' AND XianfengStage = 'ACTIVIST'`, members('王小明'));
    await listedAs(
      `XianfengOrgPath = '${dongZhen}' AND XianfengCaseKind = 'MEMBER_DEVELOPMENT' AND XianfengStage = 'APPLICANT'`,
      members('张建国', '欧阳建国', '李秀兰', '阿依古丽·Ayguli', '赵建华', '孙丽'),
    );
    await listedAs(
      `XianfengOrgPath = '${xiZhen}' AND XianfengCaseKind = 'MEMBER_DEVELOPMENT'`,
      members('张建军'),
    );
    await listedAs(
      `XianfengOrgPath = '${dongZhen}' AND XianfengCaseKind = 'CADRE_RECRUITMENT' AND XianfengStage = 'NOMINATED'`,
      ['归雁甲', '归雁乙'].map((name) => cadreCaseWorkflowId(cases.get(name)!.id)).sort(),
    );
    await listedAs(`XianfengOrgPath = '${dongZhen}' AND XianfengCaseKind = 'RESERVE_POOL'`, [
      reservistWorkflowId(cases.get('后备甲')!.id),
    ]);
    // 张建国's talk (T1, within a month of applying two months ago) is the township's one member step past due.
    await listedAs(
      `XianfengOrgPath = '${dongZhen}' AND XianfengCaseKind = 'MEMBER_DEVELOPMENT' AND XianfengNextDue < '${new Date().toISOString()}'`,
      members('张建国'),
    );

    const described = await temporal.workflow
      .getHandle(memberCaseWorkflowId(cases.get('王小明')!.id))
      .describe();
    const nanCunId = await unitId(township, NC);
    expect(described.searchAttributes).toMatchObject({
      XianfengCaseKind: ['MEMBER_DEVELOPMENT'],
      XianfengStage: ['ACTIVIST'],
      XianfengOrgPath: expect.arrayContaining([dongZhen, nanCunId]) as unknown,
      XianfengNextStep: [expect.any(Number) as unknown],
      XianfengNextDue: [expect.any(Date) as unknown],
    });
    // No memo: a client without the payload codec can still describe the case.
    expect(described.memo ?? {}).toEqual({});
    const shown = JSON.stringify(described.searchAttributes);
    const { nationalId } = cases.get('王小明')!;
    expect(shown).not.toContain('王小明');
    expect(shown).not.toContain(nationalId);
  });

  it('lists and searches reservists with the same filters', async () => {
    const { id, nationalId } = cases.get('后备甲')!;
    const page = (await township.get('/v1/reserve-pool/entries').query({ name: '后备' }).expect(200))
      .body as Page;
    expect(page.items).toEqual([
      expect.objectContaining({
        id,
        status: 'ENTERING',
        entryStep: 'RECOMMENDED',
        category: 'LOCAL_GRADUATE',
        recommendedOn: daysAgo(40),
        orgUnit: expect.objectContaining({ code: NC }) as unknown,
        person: expect.objectContaining({
          name: '后备甲',
          nationalIdMasked: expect.stringMatching(MASKED),
        }) as unknown,
      }),
    ]);
    const byNumber = await township.post('/v1/reserve-pool/entries/search').send({ nationalId }).expect(200);
    expect((byNumber.body as Page).items.map((item) => item.id)).toEqual([id]);
    expect(
      ((await township.get('/v1/reserve-pool/entries').query({ status: 'ACTIVE' }).expect(200)).body as Page)
        .items,
    ).toEqual([]);
    expect(
      (await township.get('/v1/reserve-pool/entries').query({ orgUnit: 'DX-XZ' }).expect(403)).body,
    ).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });
});
