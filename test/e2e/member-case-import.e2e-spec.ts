import { type App } from 'supertest/types';

import { demoPerson } from '../../deploy/local/demo/cases';
import { FARMER, type Spec, demoPlacement, memberHistory } from '../../deploy/local/demo/member-cases';
import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { DEMO_PEOPLE } from '../../prisma/seed/demo-county';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';

/**
 * Bringing in member cases that started on paper (POST /v1/member-cases/imports): checked step by step by the
 * same rules as live recording, every problem listed per case, nothing imported unless every case is clean,
 * each record marked imported, re-import idempotent, and deadlines already past at import are history.
 */
interface ImportProblem {
  step: number | null;
  action: string | null;
  field?: string;
  code: string;
  article: string | null;
}
interface ImportedCase {
  index: number;
  reference: string | null;
  outcome: string;
  caseId: string | null;
  stage: string | null;
  lastStep: number | null;
  status: string | null;
  problems: ImportProblem[];
}
interface ImportAnswer {
  dryRun: boolean;
  counts: Record<string, number>;
  cases: ImportedCase[];
}
interface PaperCase {
  reference: string;
  application: Record<string, unknown>;
  steps: { action: string; body: Record<string, unknown> }[];
}

const SOURCE = '东村党支部 发展党员工作记录本（2024–2026）';

describe('bringing in paper cases (e2e)', () => {
  let apps: RunningApps;
  let county: TestAgent;
  let township: TestAgent;
  let branch: TestAgent;
  const today = chinaLocalDate(new Date());

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_member_import');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    county = await signedIn(server, 'zzb-officer');
    township = await signedIn(server, 'dz-organiser');
    branch = await signedIn(server, 'dc-b1-secretary');
  });

  afterAll(async () => {
    await apps.close();
  });

  /** A paper case in the demo's shape: the same steps the demo records live, dated back from today. */
  const paper = (spec: Spec): PaperCase => {
    const { applied, steps } = memberHistory(spec, today, demoPlacement(spec.branch));
    return {
      reference: spec.code,
      application: { ...spec.person, branch: spec.branch, applicationDate: applied, profile: spec.profile },
      steps: steps.map((step) => ({ action: step.path, body: { ...step.body } })),
    };
  };
  const person = (index: number, name: string, birth: string) => demoPerson(800, index, name, birth, 'M');
  // An activist determined last year, cultivated half a year (2014 rules: applied before May 2026).
  const activist = paper({
    code: 'P-001',
    person: person(0, '赵一鸣', '1995-03-03'),
    branch: 'DX-DZ-DC-B1',
    ruleSet: '2014',
    daysAgo: 300,
    until: 'CULTIVATED',
    profile: FARMER,
  });
  // A probationary member admitted and sworn in, probation running.
  const probationary = paper({
    code: 'P-002',
    person: person(1, '钱二虎', '1993-06-06'),
    branch: 'DX-DZ-NC',
    ruleSet: '2014',
    daysAgo: 700,
    until: 'SWORN',
    profile: FARMER,
  });
  // Applied three months ago and never talked to (T1: within a month): overdue long before the import.
  const untalked = paper({
    code: 'P-003',
    person: person(2, '孙三石', '1996-09-09'),
    branch: 'DX-DZ-DC-B1',
    ruleSet: '2026.05',
    daysAgo: 90,
    until: 'APPLIED',
    profile: FARMER,
  });

  const send = (agent: TestAgent, body: object, query = '') =>
    agent.post(`/v1/member-cases/imports${query}`).send(body);

  it('refuses everyone but the county org department', async () => {
    const refused = await send(township, { source: SOURCE, cases: [activist] }).expect(403);
    expect(refused.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED', article: 'DOMAIN §5.2' });
    await send(branch, { source: SOURCE, cases: [activist] }).expect(403);
    const empty = await send(county, { source: SOURCE, cases: [] }).expect(400);
    expect((empty.body as { code: string }).code).toBe('REQUEST_VALIDATION_FAILED');
  });

  it('lists every problem of every case with its step, and imports nothing until all are clean', async () => {
    // The proposal as a development target half a year after the determination: T3 wants more than a year.
    const early = paper({
      code: 'P-BAD-1',
      person: person(3, '李四海', '1994-04-04'),
      branch: 'DX-DZ-DC-B1',
      ruleSet: '2014',
      daysAgo: 460,
      until: 'LISTED',
      profile: FARMER,
    });
    const proposal = early.steps.findIndex((step) => step.action === 'development-target-proposal');
    const activistStep = early.steps.find((step) => step.action === 'activist')!;
    early.steps[proposal]!.body.date = addDays(activistStep.body.date as never, 200);
    // An action no endpoint has, a body its endpoint would refuse, and an acting body outside the case's branch.
    const malformed: PaperCase = {
      reference: 'P-BAD-2',
      application: {
        ...person(4, '周五福', '1992-02-02'),
        branch: 'DX-DZ-DC-B1',
        applicationDate: '2026-06-01',
      },
      steps: [
        { action: 'no-such-step', body: { date: '2026-06-10', actingBody: 'DX-DZ-DC-B1' } },
        {
          action: 'talk',
          body: { date: '2026-06-10', actingBody: 'DX-DZ-DC-B2', talker: '组织委员', summary: '谈话' },
        },
        { action: 'activist', body: { date: '2026-06-20', actingBody: 'DX-DZ-DC-B1' } },
      ],
    };
    // A full member of long standing cannot apply (党章 第一条).
    const member = DEMO_PEOPLE.find((each) => each.name === '王建国')!;
    const already: PaperCase = {
      reference: 'P-BAD-3',
      application: {
        name: member.name,
        nationalId: member.nationalId,
        birthDate: member.birthDate,
        branch: 'DX-DZ-DC-B1',
        applicationDate: '2026-06-01',
      },
      steps: [],
    };
    const undated: PaperCase = {
      ...activist,
      reference: 'P-BAD-4',
      application: { ...activist.application },
    };
    delete undated.application.applicationDate;
    const cases = [activist, early, malformed, already, undated];

    const dryRun = (await send(county, { source: SOURCE, cases }, '?dryRun=true').expect(200))
      .body as ImportAnswer;
    expect(dryRun).toMatchObject({ dryRun: true, counts: { VALID: 1, REFUSED: 4 } });
    const [clean, tooEarly, broken, alreadyMember, noDate] = dryRun.cases;
    expect(clean).toMatchObject({ outcome: 'VALID', stage: 'ACTIVIST', caseId: null, problems: [] });
    expect(tooEarly!.problems).toEqual([
      expect.objectContaining({
        step: proposal,
        action: 'development-target-proposal',
        code: expect.stringMatching(/^T3/),
        // A broken rule names the field of the step's body it concerns, as a body's validation error does.
        field: 'date',
      }),
    ]);
    expect(broken!.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 0, code: 'ACTION_UNKNOWN' }),
        expect.objectContaining({ step: 1, code: 'NOT_ACTING_BODY', field: 'actingBody' }),
        expect.objectContaining({ step: 2, code: 'REQUEST_VALIDATION_FAILED', field: 'recommendation' }),
      ]),
    );
    expect(alreadyMember!.problems).toEqual([expect.objectContaining({ code: 'ALREADY_A_PARTY_MEMBER' })]);
    expect(noDate!.problems).toEqual([
      expect.objectContaining({ step: null, code: 'APPLICATION_DATE_REQUIRED', field: 'applicationDate' }),
    ]);

    const refused = await send(county, { source: SOURCE, cases }).expect(422);
    expect(refused.body).toMatchObject({ code: 'IMPORT_HAS_ERRORS', counts: { VALID: 1, REFUSED: 4 } });
    // Neither the dry run nor the refused import recorded anything: not even the applicants.
    const names = ['赵一鸣', '李四海', '周五福'];
    const persons = await withDatabase(
      async (db) =>
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM person WHERE name = ANY($1)', [names]))
          .rows[0]!.n,
    );
    expect(persons).toBe(0);
  });

  it('imports clean cases with their history, marked in the dossier, and a second import changes nothing', async () => {
    const answer = (
      await send(county, { source: SOURCE, cases: [activist, probationary, untalked] }).expect(200)
    ).body as ImportAnswer;
    expect(answer).toMatchObject({ dryRun: false, counts: { IMPORTED: 3 } });
    const [imported, admitted, late] = answer.cases;
    expect(imported).toMatchObject({ outcome: 'IMPORTED', stage: 'ACTIVIST', status: 'OPEN' });
    expect(admitted).toMatchObject({ outcome: 'IMPORTED', stage: 'PROBATIONARY', status: 'OPEN' });
    expect(late).toMatchObject({ outcome: 'IMPORTED', stage: 'APPLICANT', lastStep: 1 });

    // Every record of the history is there, in order, dated as on paper and marked with where it came from.
    const timeline = (await county.get(`/v1/member-cases/${admitted!.caseId}/timeline`).expect(200)).body as {
      chain: { valid: boolean };
      records: {
        occurredOn: string;
        action: string;
        data: { imported?: { source: string; by: { subject: string } } };
      }[];
    };
    expect(timeline.chain.valid).toBe(true);
    expect(timeline.records).toHaveLength(probationary.steps.length + 1);
    expect(timeline.records.map((record) => record.occurredOn)).toEqual([
      probationary.application.applicationDate,
      ...probationary.steps.map((step) => step.body.date),
    ]);
    for (const record of timeline.records) {
      expect(record.data.imported).toMatchObject({
        source: SOURCE,
        importedOn: today,
        by: { subject: 'zzb-officer' },
      });
    }
    // The branch sees the case like any other, and may go on with it.
    const read = await branch.get(`/v1/member-cases/${imported!.caseId}`).expect(200);
    expect(read.body).toMatchObject({ stage: 'ACTIVIST', applicant: { name: '赵一鸣' } });
    const members = await county.get('/v1/org-units/DX-DZ-NC/members').expect(200);
    expect((members.body as { items: unknown[] }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '钱二虎', status: 'PROBATIONARY' })]),
    );

    const again = (
      await send(county, { source: SOURCE, cases: [activist, probationary, untalked] }).expect(200)
    ).body as ImportAnswer;
    expect(again.counts).toMatchObject({ UNCHANGED: 3, IMPORTED: 0 });
    expect(again.cases.map((each) => each.caseId)).toEqual(answer.cases.map((each) => each.caseId));
    const records = await withDatabase(
      async (db) =>
        (
          await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_record WHERE case_id = $1', [
            admitted!.caseId,
          ])
        ).rows[0]!.n,
    );
    expect(records).toBe(probationary.steps.length + 1);
  });

  it('treats deadlines already past at import as history, while a case entered live today raises them', async () => {
    const live = person(5, '吴六顺', '1997-07-07');
    const applicationDate = untalked.application.applicationDate;
    const entered = await branch
      .post('/v1/member-cases')
      .send({ ...live, branch: 'DX-DZ-DC-B1', applicationDate })
      .expect(201);
    const signals = (caseId: string) =>
      withDatabase(async (db) =>
        (
          await db.query<{ event_type: string }>(
            `SELECT event_type FROM outbox_event WHERE event_type LIKE '%deadline%' AND payload::text LIKE $1`,
            [`%${caseId}%`],
          )
        ).rows.map((row) => row.event_type),
      );
    // The live case, backdated the same three months, is overdue for its talk at once…
    await eventually('the live case overdue', async () => {
      const found = await signals((entered.body as { id: string }).id);
      return found.some((type) => type.includes('overdue')) ? found : undefined;
    });
    // …the imported one had its deadline signals judged when it was brought in: none fresh.
    const imported = (await send(county, { source: SOURCE, cases: [untalked] }).expect(200))
      .body as ImportAnswer;
    expect(imported.cases[0]!.outcome).toBe('UNCHANGED');
    expect(await signals(imported.cases[0]!.caseId!)).toEqual([]);
    // Its deadline is still on the case, overdue, for the backlog, the lists and the plan to show.
    const state = await county.get(`/v1/member-cases/${imported.cases[0]!.caseId}/state`).expect(200);
    const talk = (state.body as { deadlines: { kind: string; due: string }[] }).deadlines.find(
      (each) => each.kind === 'T1_TALK',
    );
    expect(talk!.due < today).toBe(true);
  });
});
