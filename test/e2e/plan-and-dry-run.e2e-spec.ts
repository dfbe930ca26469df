import { type App } from 'supertest/types';

import { addDays, addMonths, chinaLocalDate } from '../../libs/domain/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * A case's plan (GET …/{id}/plan: each next step's earliest date, due and cap dates, and the rules behind them)
 * and dry runs (?dryRun=true on any action: the answer recording would give, nothing recorded). Every action the
 * e2e suites record is also compared with its dry run by the test apps (test/support/dry-run-check.ts).
 */
interface RuleRef {
  code: string;
  article: string | null;
}
interface PlannedDeadline {
  kind: string;
  due: string;
  hard: boolean;
  article: string | null;
}
interface PlannedStep {
  action: string;
  name: string;
  endpoint: string;
  earliest: string | null;
  earliestBy: RuleRef | null;
  allowedToday: boolean;
  notYet: RuleRef[];
  dueOn: string | null;
  capOn: string | null;
  dueBy: PlannedDeadline | null;
  capBy: PlannedDeadline | null;
}
interface Plan {
  workflowKind: string;
  caseId: string;
  today: string;
  steps: PlannedStep[];
  deadlines: PlannedDeadline[];
}
interface AvailableItem {
  action: string;
  endpoint: string;
  exampleBody: Record<string, unknown>;
}

describe('plans and dry runs (e2e)', () => {
  let apps: RunningApps;
  let township: TestAgent;
  let branch: TestAgent;
  let outsider: TestAgent;
  const today = chinaLocalDate(new Date());
  const daysAgo = (days: number) => addDays(today, -days);

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_plan_dry_run');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    township = await signedIn(server, 'dz-organiser');
    branch = await signedIn(server, 'dc-b1-committee-member');
    outsider = await signedIn(server, 'xz-organiser');
  });

  afterAll(async () => {
    await apps.close();
  });

  const plan = async (agent: TestAgent, path: string) => (await agent.get(path).expect(200)).body as Plan;
  const step = (of: Plan, action: string) => {
    const found = of.steps.find((each) => each.action === action);
    if (!found) throw new Error(`${action} not in plan: ${of.steps.map((each) => each.action).join(', ')}`);
    return found;
  };
  const example = async (agent: TestAgent, path: string, action: string) => {
    const items = (await agent.get(path).expect(200)).body as AvailableItem[];
    return items.find((item) => item.action === action)!;
  };
  const timelineLength = async (id: string) =>
    ((await branch.get(`/v1/member-cases/${id}/timeline`).expect(200)).body as { records: unknown[] }).records
      .length;

  const applyFor = async (name: string, serial: string, applicationDate: string) => {
    const created = await branch
      .post('/v1/member-cases')
      .send({
        name,
        nationalId: nationalIdFor('19990812', serial),
        birthDate: '1999-08-12',
        branch: 'DX-DZ-DC-B1',
        applicationDate,
      })
      .expect(201);
    return (created.body as { id: string }).id;
  };

  it('a member case: the talk due a month after the application (T1), with its article; later steps gated', async () => {
    const applied = daysAgo(20);
    const id = await applyFor('计划甲', '801', applied);
    const planned = await plan(branch, `/v1/member-cases/${id}/plan`);
    expect(planned).toMatchObject({ workflowKind: 'MEMBER_DEVELOPMENT', caseId: id, today });
    const talk = step(planned, 'RECORD_TALK');
    expect(talk).toMatchObject({
      name: '党组织派人谈话',
      endpoint: `/v1/member-cases/${id}/talk`,
      earliest: applied,
      earliestBy: null,
      allowedToday: true,
      notYet: [],
      dueOn: addMonths(applied, 1),
      dueBy: { kind: 'T1_TALK', due: addMonths(applied, 1), hard: false },
      capOn: null,
      capBy: null,
    });
    expect(talk.dueBy!.article).toMatch(/^§\d+/);
    expect(planned.deadlines).toEqual([talk.dueBy]);
    // Read access as for the case itself.
    expect((await outsider.get(`/v1/member-cases/${id}/plan`).expect(403)).body).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
  });

  it('a member action dry run answers what recording answers, and records nothing', async () => {
    const id = await applyFor('预演乙', '802', daysAgo(10));
    const talk = await example(branch, `/v1/member-cases/${id}/available-actions`, 'RECORD_TALK');
    const before = await timelineLength(id);

    const tried = await branch.post(`${talk.endpoint}?dryRun=true`).send(talk.exampleBody).expect(200);
    expect(tried.body).toMatchObject({ id, stage: 'APPLICANT', currentStep: 2, status: 'OPEN' });
    expect(await timelineLength(id)).toBe(before);
    // Tried again: still the same answer, since nothing was recorded.
    expect(
      (await branch.post(`${talk.endpoint}?dryRun=true`).send(talk.exampleBody).expect(200)).body,
    ).toEqual(tried.body);

    const recorded = await branch.post(talk.endpoint).send(talk.exampleBody).expect(200);
    expect(recorded.body).toEqual(tried.body);
    expect(await timelineLength(id)).toBe(before + 1);

    // A broken rule: the same problem document either way (the talk is done now, dated before it is refused).
    const early = { ...talk.exampleBody, date: daysAgo(11) };
    const refusedDry = await branch.post(`${talk.endpoint}?dryRun=true`).send(early).expect(422);
    const refused = await branch.post(talk.endpoint).send(early).expect(422);
    // Equal but for the request's own id and path.
    const { instance: _i1, requestId: _r1, ...dryProblem } = refusedDry.body as Record<string, unknown>;
    const { instance: _i2, requestId: _r2, ...problem } = refused.body as Record<string, unknown>;
    expect(dryProblem).toEqual(problem);
    expect(await timelineLength(id)).toBe(before + 1);

    // Authority is checked as for recording: another township's organiser is refused.
    expect(
      (await outsider.post(`${talk.endpoint}?dryRun=true`).send(talk.exampleBody).expect(403)).body,
    ).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(
      (await branch.post(`${talk.endpoint}?dryRun=maybe`).send(talk.exampleBody).expect(400)).body,
    ).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
  });

  it('opening a member case as a dry run answers what recording answers, and records nothing', async () => {
    const body = {
      name: '预演申请人',
      nationalId: nationalIdFor('19990813', '815'),
      birthDate: '1999-08-13',
      branch: 'DX-DZ-DC-B1',
      applicationDate: daysAgo(3),
    };
    const previewed = await branch.post('/v1/member-cases?dryRun=true').send(body).expect(200);
    expect(previewed.headers.location).toBeUndefined();
    const people = () =>
      withDatabase(
        async (db) =>
          (
            await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM person WHERE name = $1`, [
              body.name,
            ])
          ).rows[0]!.n,
      );
    expect(await people()).toBe(0);
    const recorded = await branch.post('/v1/member-cases').send(body).expect(201);
    const { id, workflowId, createdAt, applicant, ...rest } = recorded.body as Record<string, unknown> & {
      applicant: Record<string, unknown>;
    };
    expect(previewed.body).toEqual({
      ...rest,
      id: null,
      workflowId: null,
      createdAt: null,
      applicant: { ...applicant, personId: null },
    });
    expect([id, workflowId, createdAt].every((value) => typeof value === 'string')).toBe(true);
    const perRequest = { instance: expect.any(String), requestId: expect.any(String) };
    // The store's refusals come out the same: the case now open (named to a caller who may read it) …
    const again = await branch.post('/v1/member-cases?dryRun=true').send(body).expect(409);
    const conflict = await branch.post('/v1/member-cases').send(body).expect(409);
    expect(again.body).toEqual({ ...(conflict.body as object), ...perRequest });
    expect((again.body as { caseId: string }).caseId).toBe(id);
    // … and a full member, who cannot apply (党章 第一条).
    const member = { name: '王建国', nationalId: nationalIdFor('19700312', '013'), birthDate: '1970-03-12' };
    const memberBody = { ...member, branch: 'DX-DZ-DC-B1', applicationDate: daysAgo(1) };
    const memberPreview = await branch.post('/v1/member-cases?dryRun=true').send(memberBody).expect(422);
    const memberRecorded = await branch.post('/v1/member-cases').send(memberBody).expect(422);
    expect((memberPreview.body as { code: string }).code).toBe('ALREADY_A_PARTY_MEMBER');
    expect(memberPreview.body).toEqual({ ...(memberRecorded.body as object), ...perRequest });
    expect(await people()).toBe(1);
  });

  it('nominating a cadre and recommending a reservist as dry runs answer what recording answers', async () => {
    const perRequest = { instance: expect.any(String), requestId: expect.any(String) };
    const same = async (path: string, body: object) => {
      const previewed = await township.post(`${path}?dryRun=true`).send(body).expect(200);
      const recorded = await township.post(path).send(body).expect(201);
      const { id, workflowId, person, ...rest } = recorded.body as Record<string, unknown> & {
        person: Record<string, unknown>;
      };
      expect(previewed.body).toEqual({
        ...rest,
        id: null,
        workflowId: null,
        person: { ...person, id: null },
      });
      expect([id, workflowId].every((value) => typeof value === 'string')).toBe(true);
      // Again: the store's conflict, named to the caller who may read it, the same either way.
      const again = await township.post(`${path}?dryRun=true`).send(body).expect(409);
      const conflict = await township.post(path).send(body).expect(409);
      expect(again.body).toEqual({ ...(conflict.body as object), ...perRequest });
    };
    await same('/v1/cadre-cases', {
      programme: 'XIANREN',
      post: 'VILLAGE_COMMITTEE_MEMBER',
      village: 'DX-DZ-XC',
      channel: 'TOWNSHIP',
      nominatedOn: daysAgo(2),
      person: { name: '贤人预演', nationalId: nationalIdFor('19800202', '833'), birthDate: '1980-02-02' },
    });
    await same('/v1/reserve-pool/entries', {
      village: 'DX-DZ-XC',
      category: 'LOCAL_GRADUATE',
      channel: 'ORGANISATION',
      by: '西村党总支',
      recommendedOn: daysAgo(1),
      person: { name: '后备预演', nationalId: nationalIdFor('19960303', '834'), birthDate: '1996-03-03' },
    });
  });

  it('a cadre case: plan, dry run, then the same answer recorded', async () => {
    const created = await township
      .post('/v1/cadre-cases')
      .send({
        programme: 'GUIYAN',
        post: 'SECRETARY_ASSISTANT',
        village: 'DX-DZ-DC',
        channel: 'TOWNSHIP',
        nominatedOn: daysAgo(6),
        person: { name: '归雁801', nationalId: nationalIdFor('20000501', '803'), birthDate: '2000-05-01' },
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const planned = await plan(township, `/v1/cadre-cases/${id}/plan`);
    expect(step(planned, 'REVIEW_QUALIFICATION')).toMatchObject({ earliest: daysAgo(6), allowedToday: true });

    const review = await example(township, `/v1/cadre-cases/${id}/available-actions`, 'REVIEW_QUALIFICATION');
    const tried = await township.post(`${review.endpoint}?dryRun=true`).send(review.exampleBody).expect(200);
    expect(tried.body).toMatchObject({ id, stage: 'QUALIFIED', status: 'OPEN' });
    const recorded = await township.post(review.endpoint).send(review.exampleBody).expect(200);
    expect(recorded.body).toEqual(tried.body);

    // Open the joint review: its answers are due on the review's last working day, a date the programme sets.
    const joint = await example(township, `/v1/cadre-cases/${id}/available-actions`, 'OPEN_JOINT_REVIEW');
    await township.post(joint.endpoint).send(joint.exampleBody).expect(200);
    const reviewing = await plan(township, `/v1/cadre-cases/${id}/plan`);
    const answer = step(reviewing, 'RECORD_DEPARTMENT_OPINION');
    expect(answer.dueBy).toMatchObject({
      kind: 'JOINT_REVIEW_DUE',
      hard: false,
      article: '南通 归雁计划（seed 003）',
    });
    expect(answer.dueOn).toBe(answer.dueBy!.due);
  });

  it('a reservist: the age-out day in its deadlines, with the pool rules', async () => {
    const created = await township
      .post('/v1/reserve-pool/entries')
      .send({
        village: 'DX-DZ-NC',
        category: 'LOCAL_GRADUATE',
        channel: 'ORGANISATION',
        by: '南村党支部',
        recommendedOn: daysAgo(3),
        person: { name: '后备801', nationalId: nationalIdFor('19950101', '804'), birthDate: '1995-01-01' },
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const planned = await plan(township, `/v1/reserve-pool/entries/${id}/plan`);
    expect(planned.deadlines).toEqual([
      { kind: 'AGE_OUT', due: expect.any(String), hard: false, article: 'DOMAIN §3' },
    ]);
    expect(step(planned, 'REVIEW_QUALIFICATION')).toMatchObject({ allowedToday: true, dueOn: null });
  });

  it('bulk actions as a dry run: every item answered, nothing recorded, no Idempotency-Key needed', async () => {
    const ids = [await applyFor('批量丙', '805', daysAgo(9)), await applyFor('批量丁', '806', daysAgo(9))];
    const items = ids.map((caseId) => ({
      workflowKind: 'MEMBER_DEVELOPMENT',
      caseId,
      action: 'RECORD_TALK',
      input: { date: daysAgo(1), actingBody: 'DX-DZ-DC-B1', talker: '李书记', summary: '谈话' },
    }));
    items.push({ ...items[0]!, input: { ...items[0]!.input, date: daysAgo(30) } });
    const tried = await branch.post('/v1/bulk-actions?dryRun=true').send({ items }).expect(200);
    expect(tried.body).toMatchObject({
      applied: 2,
      failed: 1,
      results: [
        { index: 0, status: 200, case: { currentStep: 2 } },
        { index: 1, status: 200, case: { currentStep: 2 } },
        { index: 2, status: 409, problem: { code: 'DUPLICATE_ITEM' } },
      ],
    });
    for (const id of ids) expect(await timelineLength(id)).toBe(1);
    // Recording still needs the key.
    expect((await branch.post('/v1/bulk-actions').send({ items }).expect(400)).body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REQUIRED',
    });
  });

  it('the test apps compared recorded actions with their dry runs', () => {
    expect(apps.dryRunsChecked()).toBeGreaterThan(0);
  });
});
