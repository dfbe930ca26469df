import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';
import { type App } from 'supertest/types';

import { TOPICS } from '../../libs/contracts/src';
import { TargetActualsRepository, nameBasedUuid } from '../../libs/persistence/src';
import { TargetsRebuildService } from '../../apps/targets/src/targets-rebuild.service';
import { DEMO_PEOPLE } from '../../prisma/seed/demo-county';
import { type RunningApps, startAllApps } from '../support/apps';
import { documentedMessagesMatching } from '../support/asyncapi';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { type DemoUser, type TestAgent, signedIn } from '../support/auth';
import { testProfile } from '../support/test-profile';

/**
 * One case from application to full member over HTTP, through the real workflow, PostgreSQL and Kafka.
 * It is a 2014 case entered after the fact (dates in 2023–2025), which also shows a 2014 case keeping the
 * 2014 rules now that the 2026 rules exist; the 2026 path with real durations runs on the time-skipping server.
 */
const personId = (name: string) =>
  nameBasedUuid(`person:${DEMO_PEOPLE.find((p) => p.name === name)!.nationalId}`);
const vote = {
  votingMembers: 20,
  excluded: [],
  presentVoting: 15,
  writtenOpinions: [{ memberId: 'm-20', vote: 'YES' }],
  yes: 12,
  no: 2,
  abstain: 1,
  ballot: 'SECRET',
  candidates: 1,
};
const committeeVote = { members: 7, present: 6, yes: 6 };
const BRANCH = 'DX-DZ-DC-B1';
const TOWNSHIP = 'DX-DZ';
const RECORDERS: Record<string, DemoUser> = {
  [BRANCH]: 'dc-b1-committee-member',
  [TOWNSHIP]: 'dz-organiser',
  'DX-DZ-DC': 'dc-secretary',
  'DX-ZZB': 'zzb-officer',
};
const kafka = new Kafka({
  clientId: 'e2e-member',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

describe('member development from application to full member (e2e)', () => {
  let apps: RunningApps;
  /** The branch's 组织委员 (not a contact or sponsor of anyone here, unlike the secretary 王建国). */
  let api: TestAgent;
  /** Who records for each acting body: the caller must act as their own org unit (DOMAIN §5.2). */
  const recorders: Record<string, TestAgent> = {};
  const events: { subject: string; type: string }[] = [];
  const reader = kafka.consumer({ groupId: `e2e-member-${randomUUID()}` });

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_member_development');
    // This file's own targets consumer group reads the whole topic, so a rebuild must reproduce it exactly.
    process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-e2e-${randomUUID()}`;
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    api = await signedIn(server, 'dc-b1-committee-member');
    for (const [unit, user] of Object.entries(RECORDERS)) recorders[unit] = await signedIn(server, user);
    await reader.connect();
    await reader.subscribe({ topic: TOPICS.memberDevelopment, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message }) => {
        try {
          events.push(JSON.parse(message.value!.toString()) as { subject: string; type: string });
        } catch {
          // other suites put garbage on the topic on purpose
        }
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await reader.disconnect();
    await apps.close();
  });

  it('records all 25 steps, verifies the dossier chain, updates the membership registry and publishes each stage change', async () => {
    const created = await api
      .post('/v1/member-cases')
      .send({
        name: '吴敏',
        nationalId: nationalIdFor('19960812', '551'),
        birthDate: '1996-08-12',
        branch: BRANCH,
        applicationDate: '2023-03-01',
        // Facts for the structure statistics; ethnicity is left unrecorded (unknown, so never counted).
        profile: {
          education: 'JUNIOR_COLLEGE',
          occupation: 'FARMER_HERDER_FISHER',
          frontLine: true,
          newSector: false,
        },
      })
      .expect(201);
    const id = (created.body as { id: string; ruleSet: string }).id;
    expect(created.body).toMatchObject({ ruleSet: '2014' });
    const post = (path: string, body: { actingBody: string; [field: string]: unknown }) =>
      (recorders[body.actingBody] ?? api).post(`/v1/member-cases/${id}/${path}`).send(body);
    const ok = async (path: string, body: { actingBody: string; [field: string]: unknown }) => {
      const response = await post(path, body);
      if (response.status !== 200)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { stage: string; currentStep: number; status: string };
    };

    await ok('talk', { date: '2023-03-20', actingBody: BRANCH, talker: '李秀英', summary: '了解入党动机' });
    const available = (await api.get(`/v1/member-cases/${id}/available-actions`).expect(200)).body as {
      type: string;
      path: string;
      actingBodies: { code: string }[];
    }[];
    expect(available.find((a) => a.type === 'DETERMINE_ACTIVIST')).toMatchObject({
      path: 'activist',
      actingBodies: [{ code: BRANCH }],
    });

    expect(
      await ok('activist', { date: '2023-04-10', actingBody: BRANCH, recommendation: 'PARTY_MEMBERS' }),
    ).toMatchObject({ stage: 'ACTIVIST' });
    await ok('activist-filing', { date: '2023-04-20', actingBody: TOWNSHIP });
    await ok('cultivation-contacts', {
      date: '2023-04-20',
      actingBody: BRANCH,
      contactIds: [personId('王建国'), personId('李秀英')],
    });
    // The secretary 王建国 is now a cultivation contact: he must stand aside, and nothing is recorded.
    const secretary = await signedIn(apps.api.getHttpServer() as App, 'dc-b1-secretary');
    expect(
      (
        await secretary
          .post(`/v1/member-cases/${id}/activist-vettings`)
          .send({ date: '2023-10-10', actingBody: BRANCH, summary: '半年考察' })
          .expect(403)
      ).body,
    ).toMatchObject({ code: 'CONFLICT_OF_INTEREST', article: 'DOMAIN §5.2 (4)' });
    // …and his inbox leaves the case out, while the 组织委员's shows it.
    const inboxCases = async (agent: TestAgent) =>
      ((await agent.get('/v1/inbox').expect(200)).body as { items: { caseId: string }[] }).items.map(
        (item) => item.caseId,
      );
    expect(await inboxCases(secretary)).not.toContain(id);
    expect(await inboxCases(api)).toContain(id);
    await ok('activist-vettings', { date: '2023-10-10', actingBody: BRANCH, summary: '半年考察' });

    // T3 over HTTP: one day short of a year is refused with the rule and its 2014 article, and nothing is written.
    const early = await post('development-target-proposal', {
      date: '2024-04-09',
      actingBody: BRANCH,
      opinionsHeard: ['党小组'],
    }).expect(422);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(early.body).toMatchObject({ code: 'T3_CULTIVATION_TOO_SHORT', article: '2014 §13' });
    // Each violation names the body field it concerns: the date for a time rule.
    expect((early.body as { violations: unknown[] }).violations).toEqual([
      expect.objectContaining({ code: 'T3_CULTIVATION_TOO_SHORT', field: 'date' }),
    ]);
    await ok('development-target-proposal', {
      date: '2024-04-10',
      actingBody: BRANCH,
      opinionsHeard: ['党小组', '培养联系人', '群众'],
    });
    // Only the committee with approval authority decides; 2014: filing lists the target without a notice.
    expect(
      (
        await post('development-target-decision', {
          date: '2024-04-15',
          actingBody: 'DX-DZ-DC',
          consent: true,
        }).expect(422)
      ).body,
    ).toMatchObject({
      code: 'APPROVER_WITHOUT_AUTHORITY',
    });
    expect(
      await ok('development-target-decision', { date: '2024-04-15', actingBody: TOWNSHIP, consent: true }),
    ).toMatchObject({ stage: 'DEVELOPMENT_TARGET' });

    // A sponsor must be a full member: 周海 is not a party member.
    expect(
      (
        await post('sponsors', {
          date: '2024-04-20',
          actingBody: BRANCH,
          sponsorIds: [personId('王建国'), personId('周海')],
        }).expect(422)
      ).body,
    ).toMatchObject({
      code: 'SPONSOR_NOT_FULL_MEMBER',
      article: '2014 §14',
      // The second id of the body's list is the one refused.
      violations: [{ code: 'SPONSOR_NOT_FULL_MEMBER', field: 'sponsorIds.1' }],
    });
    await ok('sponsors', {
      date: '2024-04-20',
      actingBody: BRANCH,
      sponsorIds: [personId('王建国'), personId('李秀英')],
    });
    await ok('political-review', {
      date: '2024-05-10',
      actingBody: BRANCH,
      passed: true,
      conclusionRef: '政审结论〔2024〕5号',
    });
    await ok('training', { date: '2024-05-20', actingBody: TOWNSHIP, days: 3, classHours: 24 });
    await ok('committee-review', { date: '2024-06-01', actingBody: BRANCH, passed: true, opinion: '合格' });
    await ok('pre-review', { date: '2024-06-10', actingBody: TOWNSHIP, passed: true });
    await ok('application-form', { date: '2024-06-15', actingBody: BRANCH, formNumber: '苏0012345' });
    const noQuorum = { ...vote, presentVoting: 10, yes: 10, no: 0, abstain: 0, writtenOpinions: [] };
    expect(
      (
        await post('acceptance-meeting', { date: '2024-07-01', actingBody: BRANCH, vote: noQuorum }).expect(
          422,
        )
      ).body,
    ).toMatchObject({
      code: 'VOTE_QUORUM_NOT_MET',
      article: '2014 §20',
      violations: [{ code: 'VOTE_QUORUM_NOT_MET', field: 'vote.presentVoting' }],
    });
    await ok('acceptance-meeting', { date: '2024-07-01', actingBody: BRANCH, vote });
    // The township records the day it received the branch's resolution: T8 runs from it, not from the meeting.
    await ok('acceptance-resolution-receipt', { date: '2024-07-03', actingBody: TOWNSHIP });
    const tooSoon = (
      await post('acceptance-approval', {
        date: '2024-07-20',
        actingBody: TOWNSHIP,
        resolutionReceived: '2024-07-03',
        approved: true,
        committeeVote,
      }).expect(422)
    ).body as { code: string; violations: object[] };
    expect(tooSoon).toMatchObject({ code: 'STEP_OUT_OF_ORDER' });
    // The step as a whole is out of order: no field of the body to show it beside.
    expect(tooSoon.violations[0]).not.toHaveProperty('field');
    // The village committee's review and the township's decision wait as tasks (T8: due in 3 months, cap 6).
    type Task = {
      action: string;
      status: string;
      orgUnit: { code: string };
      dueOn: string | null;
      capOn: string | null;
    };
    const tasksNow = async () => (await api.get(`/v1/member-cases/${id}/tasks`).expect(200)).body as Task[];
    expect((await tasksNow()).filter((t) => t.status === 'OPEN')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'REVIEW_BY_BODY',
          orgUnit: expect.objectContaining({ code: 'DX-DZ-DC' }),
        }),
      ]),
    );
    await ok('reviews', { date: '2024-07-05', actingBody: 'DX-DZ-DC', opinion: '同意' });
    await ok('committee-interview', {
      date: '2024-07-10',
      actingBody: TOWNSHIP,
      interviewer: '组织员 陈志强',
    });
    expect(
      (await tasksNow()).filter((t) => t.status === 'OPEN' && t.action === 'APPROVE_ACCEPTANCE'),
    ).toEqual([
      expect.objectContaining({
        orgUnit: expect.objectContaining({ code: TOWNSHIP }),
        dueOn: '2024-10-03',
        capOn: '2025-01-03',
      }),
    ]);
    expect(
      await ok('acceptance-approval', {
        date: '2024-08-01',
        actingBody: TOWNSHIP,
        resolutionReceived: '2024-07-03',
        approved: true,
        committeeVote,
      }),
    ).toMatchObject({
      stage: 'PROBATIONARY',
    });
    await ok('acceptance-filing', { date: '2024-08-05', actingBody: 'DX-ZZB' });
    await ok('party-group', { date: '2024-08-06', actingBody: BRANCH, partyGroup: '第一党小组' });
    await ok('oath', { date: '2024-08-10', actingBody: BRANCH });
    await ok('probation-vettings', { date: '2024-11-01', actingBody: BRANCH, summary: '季度考察' });
    // Probation runs a year from the branch meeting (2024-07-01), not from the oath: the written application
    // comes when it expires, so one dated before is refused at the application itself (T10, §32).
    expect(
      (await post('conversion-application', { date: '2025-06-20', actingBody: BRANCH }).expect(422)).body,
    ).toMatchObject({
      code: 'T10_CONVERSION_APPLIED_BEFORE_PROBATION_END',
    });
    await ok('conversion-application', { date: '2025-07-01', actingBody: BRANCH });
    await ok('conversion-meeting', { date: '2025-07-01', actingBody: BRANCH, vote, proposal: 'CONVERT' });
    await ok('conversion-resolution-receipt', { date: '2025-07-03', actingBody: TOWNSHIP });
    expect(
      (
        await post('conversion-approval', {
          date: '2025-08-01',
          actingBody: TOWNSHIP,
          resolutionReceived: '2025-07-03',
          approved: true,
          committeeVote,
        }).expect(422)
      ).body,
    ).toMatchObject({
      code: 'REVIEW_MISSING',
    });
    await ok('reviews', { date: '2025-07-05', actingBody: 'DX-DZ-DC', opinion: '同意转正' });
    expect(
      await ok('conversion-approval', {
        date: '2025-08-01',
        actingBody: TOWNSHIP,
        resolutionReceived: '2025-07-03',
        approved: true,
        committeeVote,
      }),
    ).toMatchObject({
      stage: 'FULL_MEMBER',
    });
    // The county's overlay (pinned when the case started) requires the 全程纪实表 in the archive.
    expect(
      ((await api.get(`/v1/member-cases/${id}/state`).expect(200)).body as { overlays: string[] }).overlays,
    ).toEqual(['dx-member-development-2026']);
    const fullArchive = [
      '入党志愿书',
      '入党申请书',
      '培养考察登记表',
      '政审材料',
      '预备党员教育考察登记表',
      '转正申请书',
    ];
    expect(
      (await post('archive', { date: '2025-08-10', actingBody: BRANCH, documents: fullArchive }).expect(422))
        .body,
    ).toMatchObject({
      code: 'OVERLAY_DOCUMENT_MISSING',
    });
    const archived = await ok('archive', {
      date: '2025-08-10',
      actingBody: BRANCH,
      documents: [...fullArchive, '发展党员工作全程纪实表'],
    });
    expect(archived).toMatchObject({ stage: 'FULL_MEMBER', currentStep: 25, status: 'CLOSED' });
    expect((await tasksNow()).filter((t) => t.status === 'OPEN')).toEqual([]);

    // 全程纪实: every one of the 25 steps, in one verified hash chain.
    const timeline = (await api.get(`/v1/member-cases/${id}/timeline`).expect(200)).body as {
      records: { step: number; seq: number }[];
      chainValid: boolean;
    };
    expect(timeline.chainValid).toBe(true);
    expect([...new Set(timeline.records.map((r) => r.step))].sort((a, b) => a - b)).toEqual(
      [...Array(25).keys()].map((i) => i + 1),
    );
    expect(timeline.records.map((r) => r.seq)).toEqual(timeline.records.map((_r, i) => i + 1));
    // Tampering with a stored record is caught by the chain check (the trigger forbids UPDATE, so go around it).
    await withDatabase(async (db) => {
      await db.query('ALTER TABLE dossier_record DISABLE TRIGGER dossier_record_append_only');
      await db.query(`UPDATE dossier_record SET data = '{"tampered":true}' WHERE case_id = $1 AND seq = 5`, [
        id,
      ]);
      await db.query('ALTER TABLE dossier_record ENABLE TRIGGER dossier_record_append_only');
    });
    expect(
      (
        (await api.get(`/v1/member-cases/${id}/timeline`).expect(200)).body as {
          chainValid: boolean;
        }
      ).chainValid,
    ).toBe(false);

    // The membership registry now knows a full member with party age from the end of probation (T14).
    const membership = await withDatabase((db) =>
      db.query<{ status: string; party_age_from: string }>(
        `SELECT m.status, to_char(m.party_age_from, 'YYYY-MM-DD') AS party_age_from FROM party_membership m JOIN member_case c ON c.person_id = m.person_id WHERE c.id = $1`,
        [id],
      ),
    );
    expect(membership.rows).toEqual([{ status: 'FULL_MEMBER', party_age_from: '2025-07-01' }]);

    // Each stage change reached Kafka through the outbox, in order.
    const stageEvents = [
      'application-received',
      'activist-determined',
      'development-target-listed',
      'accepted-by-branch',
      'probationary-admitted',
      'converted',
      'archived',
    ].map((kind) => `cn.xianfeng.member.${kind}.v1`);
    await eventually('every stage event on Kafka', () => {
      const own = events.filter((e) => e.subject === id).map((e) => e.type);
      return Promise.resolve(stageEvents.every((type) => own.includes(type)) ? own : undefined);
    }).then((own) => expect(own.filter((type) => stageEvents.includes(type))).toEqual(stageEvents));
    // Compatibility: a consumer built only from the committed AsyncAPI document (what integrators read)
    // accepts every event the code published for this case, each as exactly its own documented message.
    const matching = documentedMessagesMatching();
    const produced = events.filter((e) => e.subject === id);
    expect(produced.length).toBeGreaterThan(7);
    for (const event of produced) {
      expect(matching(event)).toEqual([event.type]);
    }

    // The targets read model counted each stage change in the year it happened, up the org tree.
    const targets = await signedIn(apps.targets.getHttpServer() as App, 'county-auditor');
    const actuals = async (orgUnit: string, year: number) =>
      (
        (await targets.get('/v1/targets').query({ orgUnit, year }).expect(200)).body as {
          actuals: Record<string, number>;
        }
      ).actuals;
    await eventually('the stage changes counted', async () =>
      (await actuals('DX', 2025))['conversions'] === 1 ? true : undefined,
    );
    expect(await actuals('DX-DZ', 2023)).toMatchObject({ applicants: 1, activists: 1 });
    expect(await actuals(BRANCH, 2024)).toMatchObject({
      'development-targets': 1,
      'new-probationary-members': 1,
      // A man (ID sequence digit odd) aged 27 on admission, a farmer on the front line with 大专.
      'new-probationary-members-aged-35-or-under': 1,
      'new-probationary-members-female': 0,
      'new-probationary-members-high-school-or-above': 1,
      'new-probationary-members-college-or-above': 1,
      'new-probationary-members-front-line': 1,
      'new-probationary-members-farmers-herders-fishers': 1,
      'new-probationary-members-new-sectors': 0,
      'new-probationary-members-ethnic-minority': 0,
    });
    expect(await actuals('DX', 2025)).toMatchObject({
      conversions: 1,
      'probation-extensions': 0,
      'probation-cancellations': 0,
    });
    // Rebuilding the read model from the start of the topic gives exactly the same numbers.
    const admin = kafka.admin();
    await admin.connect();
    await eventually('the live targets consumer to reach the end of the topic', async () => {
      const ends = await admin.fetchTopicOffsets(TOPICS.memberDevelopment);
      const [committed] = await admin.fetchOffsets({
        groupId: process.env.TARGETS_CONSUMER_GROUP!,
        topics: [TOPICS.memberDevelopment],
      });
      const caughtUp = ends.every((end) => {
        const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return Number(end.high) === 0 || Number(offset) >= Number(end.high);
      });
      return caughtUp ? true : undefined;
    });
    await admin.disconnect();
    const repository = apps.targets.get(TargetActualsRepository);
    const before = await repository.snapshot();
    expect(before.actuals.length).toBeGreaterThan(0);
    expect(before.pipeline.length).toBeGreaterThan(0);
    const rebuilt = await apps.targets.get(TargetsRebuildService).rebuild();
    expect(rebuilt.events).toBeGreaterThan(0);
    expect(await repository.snapshot()).toEqual(before);
    // Entered after the fact, the overdue talk and approvals were signalled too.
    expect(events.filter((e) => e.subject === id).map((e) => e.type)).toContain(
      'cn.xianfeng.member.deadline-overdue.v1',
    );
  });

  it('does not reopen a closed case when the application is retried with the same Idempotency-Key', async () => {
    const application = {
      name: '孔亮',
      nationalId: nationalIdFor('19880808', '773'),
      birthDate: '1988-08-08',
      branch: BRANCH,
      applicationDate: '2026-11-02',
    };
    const created = await api
      .post('/v1/member-cases')
      .set('Idempotency-Key', 'closing-1')
      .send(application)
      .expect(201);
    const id = (created.body as { id: string }).id;
    await api
      .post(`/v1/member-cases/${id}/withdrawal`)
      .send({ date: '2026-11-20', actingBody: BRANCH, reason: '本人书面撤回' })
      .expect(200);
    await eventually('the workflow to close', async () => {
      const state = (await api.get(`/v1/member-cases/${id}/state`).expect(200)).body as {
        status: string;
      };
      return state.status === 'CLOSED' ? true : undefined;
    });
    const again = await api
      .post('/v1/member-cases')
      .set('Idempotency-Key', 'closing-1')
      .send(application)
      .expect(409);
    expect(again.body).toMatchObject({ code: 'MEMBER_CASE_CLOSED' });
  });

  it('answers 404 for an unknown case and 400 for a malformed action', async () => {
    await api.get(`/v1/member-cases/${randomUUID()}/state`).expect(404);
    const created = await api
      .post('/v1/member-cases')
      .send({
        name: '钱进',
        nationalId: nationalIdFor('19970101', '662'),
        birthDate: '1997-01-01',
        branch: BRANCH,
        applicationDate: '2026-11-02',
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    // A retried action with the same Idempotency-Key is recorded once.
    const talk = { date: '2026-11-20', actingBody: BRANCH, talker: '李秀英', summary: '谈话' };
    await api.post(`/v1/member-cases/${id}/talk`).set('Idempotency-Key', 'talk-1').send(talk).expect(200);
    await api.post(`/v1/member-cases/${id}/talk`).set('Idempotency-Key', 'talk-1').send(talk).expect(200);
    const timeline = (await api.get(`/v1/member-cases/${id}/timeline`).expect(200)).body as {
      records: { action: string }[];
    };
    expect(timeline.records.filter((r) => r.action === 'RECORD_TALK')).toHaveLength(1);
    const response = await api
      .post(`/v1/member-cases/${id}/talk`)
      .send({ date: '2026-13-01', actingBody: BRANCH })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
    expect(
      (
        await api
          .post(`/v1/member-cases/${id}/talk`)
          .send({ date: '2026-11-20', actingBody: 'NOWHERE', talker: 'x', summary: 'y' })
          .expect(422)
      ).body,
    ).toMatchObject({
      code: 'ORG_UNIT_UNKNOWN',
    });
  });
});
