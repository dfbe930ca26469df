import { randomUUID } from 'node:crypto';

import { type App } from 'supertest/types';

import { ACTION_PATHS } from '../../apps/api/src/member-cases/actions/member-case-actions.service';
import { type MemberActionType, addDays, chinaLocalDate } from '../../libs/domain/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type DemoUser, type TestAgent, signedIn, tokenFor } from '../support/auth';
import { rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * Access control over HTTP (every endpoint refuses callers outside the subtree or without the role), then a
 * township committee working through its backlog: filters, pages, counts per village, inbox, and one bulk
 * call with valid and invalid items, retried.
 */
const TODAY = chinaLocalDate(new Date());
const B1 = 'DX-DZ-DC-B1';
const NC = 'DX-DZ-NC';
const BC = 'DX-XZ-BC';
const WRITES = ['member_case', 'dossier_record', 'outbox_event', 'approval_task', 'delegation'];

/** A valid body for every action: what is refused here is the caller, never the request. */
const vote = {
  votingMembers: 20,
  excluded: [],
  presentVoting: 15,
  writtenOpinions: [],
  yes: 12,
  no: 2,
  abstain: 1,
  ballot: 'SECRET',
  candidates: 1,
};
const approval = {
  resolutionReceived: TODAY,
  approved: true,
  committeeVote: { members: 7, present: 6, yes: 6 },
};
const FIELDS: Record<MemberActionType, object> = {
  RECORD_TALK: { talker: '李秀英', summary: '谈话' },
  DETERMINE_ACTIVIST: { recommendation: 'PARTY_MEMBERS' },
  FILE_ACTIVIST: {},
  ASSIGN_CONTACTS: { contactIds: [randomUUID()] },
  RECORD_ACTIVIST_VETTING: { summary: '考察' },
  PROPOSE_DEVELOPMENT_TARGET: { opinionsHeard: ['党小组'] },
  HIGHER_COMMITTEE_DECISION: { consent: true },
  START_NOTICE: { end: TODAY, scope: '单位' },
  RECORD_OBJECTION: { objection: '反映问题' },
  CLOSE_NOTICE: { affectsEligibility: false, finding: '无异议' },
  START_LOCAL_NOTICE: { notice: 'ACTIVIST', end: TODAY, scope: '党支部' },
  CLOSE_LOCAL_NOTICE: { notice: 'ACTIVIST', affectsEligibility: false, finding: '无异议' },
  DESIGNATE_SPONSORS: { sponsorIds: [randomUUID(), randomUUID()] },
  RECORD_POLITICAL_REVIEW: { passed: true, conclusionRef: '政审' },
  RECORD_TRAINING: { days: 3, classHours: 24 },
  COMMITTEE_REVIEW: { passed: true, opinion: '合格' },
  PRE_REVIEW: { passed: true },
  FILL_APPLICATION_FORM: { formNumber: '苏001' },
  BRANCH_MEETING_ACCEPTANCE: { vote },
  REVIEW_BY_BODY: { opinion: '同意' },
  COMMITTEE_INTERVIEW: { interviewer: '组织员' },
  RECEIVE_ACCEPTANCE_RESOLUTION: {},
  APPROVE_ACCEPTANCE: approval,
  FILE_WITH_ORG_DEPARTMENT: {},
  ASSIGN_TO_GROUP: { partyGroup: '第一党小组' },
  RECORD_OATH: {},
  RECORD_PROBATION_VETTING: { summary: '考察' },
  APPLY_FOR_CONVERSION: {},
  CONVERSION_MEETING: { vote, proposal: 'CONVERT' },
  RECEIVE_CONVERSION_RESOLUTION: {},
  APPROVE_CONVERSION: approval,
  ARCHIVE: { documents: ['入党申请书'] },
  WITHDRAW: { reason: '撤回' },
  TRANSFER: { toBranch: 'DX-DZ-DC-B2', materialsRef: '转接' },
  REFUSE_RECOGNITION: { reason: '不予承认' },
};

type Item = {
  id: string;
  caseId: string;
  action: string;
  orgUnit: { code: string };
  dueOn: string | null;
  overdue: boolean;
  endpoint: string;
};
type Page = { items: Item[]; nextCursor: string | null };

describe('access control, backlogs, inbox and bulk decisions (e2e)', () => {
  let apps: RunningApps;
  let apiServer: App;
  let targetsServer: App;
  const as = (user: DemoUser) => signedIn(apiServer, user);
  /** Cases of this file by branch: applied 60 days ago (talk overdue) or 10 days ago (talk due in 20). */
  const cases: Record<string, string[]> = { [B1]: [], [NC]: [], [BC]: [] };

  async function apply(branch: string, user: DemoUser, daysAgo: number, seq: number): Promise<string> {
    const body = {
      name: `申请人${seq}`,
      nationalId: nationalIdFor('19950101', String(100 + seq).padStart(3, '0')),
      birthDate: '1995-01-01',
      branch,
      applicationDate: addDays(TODAY, -daysAgo),
    };
    const created = await (await as(user)).post('/v1/member-cases').send(body).expect(201);
    return (created.body as { id: string }).id;
  }

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_access_backlog');
    apps = await startAllApps();
    apiServer = apps.api.getHttpServer() as App;
    targetsServer = apps.targets.getHttpServer() as App;
    let seq = 0;
    for (const [branch, user] of [
      [B1, 'dc-b1-committee-member'],
      [NC, 'nc-secretary'],
      [BC, 'bc-secretary'],
    ] as const) {
      for (const daysAgo of [60, 60, 10]) cases[branch]!.push(await apply(branch, user, daysAgo, seq++));
    }
  });

  afterAll(async () => {
    await apps.close();
  });

  describe('authentication', () => {
    it('refuses requests without a valid bearer token (401) but serves health probes', async () => {
      const { default: request } = await import('supertest');
      const bare = request(apiServer);
      expect((await bare.get('/v1/inbox').expect(401)).body).toMatchObject({
        code: 'AUTHENTICATION_REQUIRED',
      });
      for (const header of [
        'Bearer not-a-jwt',
        `Bearer ${await tokenFor('dz-organiser', { audience: 'someone-else' })}`,
        `Bearer ${await tokenFor('dz-organiser', { expiresIn: '-1m' })}`,
        `Bearer ${await tokenFor({ sub: 'x', name: 'x', org_unit: 'NO-SUCH-UNIT', roles: ['SECRETARY'] })}`,
      ]) {
        const refused = await bare.get('/v1/inbox').set('Authorization', header).expect(401);
        expect(refused.body).toMatchObject({ code: 'TOKEN_INVALID' });
      }
      const forged = (await tokenFor('dz-organiser')).split('.');
      const payload = JSON.parse(Buffer.from(forged[1]!, 'base64url').toString()) as object;
      forged[1] = Buffer.from(JSON.stringify({ ...payload, org_unit: 'DX' })).toString('base64url');
      await bare
        .get('/v1/inbox')
        .set('Authorization', `Bearer ${forged.join('.')}`)
        .expect(401);
      await bare.get('/health/ready').expect(200);
    });
  });

  describe('every endpoint refuses a caller outside the subtree or without the role, and changes nothing', () => {
    const caseId = () => cases[B1]![0]!;
    /** Outsider: the secretary of a branch in the other township. Roleless: in scope, but not this office. */
    type Probe = { name: string; send: (agent: TestAgent) => Promise<{ status: number; body: unknown }> };
    const reads: Probe[] = [
      { name: 'GET case', send: (a) => a.get(`/v1/member-cases/${caseId()}`) },
      { name: 'GET state', send: (a) => a.get(`/v1/member-cases/${caseId()}/state`) },
      { name: 'GET timeline', send: (a) => a.get(`/v1/member-cases/${caseId()}/timeline`) },
      { name: 'GET tasks', send: (a) => a.get(`/v1/member-cases/${caseId()}/tasks`) },
      { name: 'GET available-actions', send: (a) => a.get(`/v1/member-cases/${caseId()}/available-actions`) },
      { name: 'GET backlog', send: (a) => a.get('/v1/backlog').query({ orgUnit: 'DX-DZ' }) },
      { name: 'GET backlog summary', send: (a) => a.get('/v1/backlog/summary').query({ orgUnit: 'DX-DZ' }) },
    ];
    const applicant = {
      sub: 'applicant',
      name: '申请人',
      org_unit: B1,
      roles: ['APPLICANT' as const],
      person_id: randomUUID(),
    };

    it.each(reads.map((probe) => [probe.name, probe] as const))('%s', async (_name, probe) => {
      const outsider = await probe.send(await as('bc-secretary'));
      expect(outsider).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
      const roleless = await probe.send(await signedIn(apiServer, applicant));
      expect(roleless).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
    });

    it.each(Object.entries(ACTION_PATHS))('POST …/%s', async (type, path) => {
      const before = await rowCounts(WRITES);
      const body = { date: TODAY, actingBody: B1, ...FIELDS[type as MemberActionType] };
      const outsider = await (
        await as('bc-secretary')
      )
        .post(`/v1/member-cases/${caseId()}/${path}`)
        .send({ ...body, actingBody: BC });
      expect(outsider).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
      const auditor = await (
        await as('county-auditor')
      )
        .post(`/v1/member-cases/${caseId()}/${path}`)
        .send({ ...body, actingBody: 'DX' });
      expect(auditor).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
      expect(await rowCounts(WRITES)).toEqual(before);
    });

    it("GET inbox: only one's own unit (another's only under a current delegation), and only for a role that acts", async () => {
      const borrowed = await (await as('bc-secretary')).get('/v1/inbox').set('Acting-For', randomUUID());
      expect(borrowed).toMatchObject({ status: 403, body: { code: 'DELEGATION_NOT_ACTIVE' } });
      for (const user of [applicant, 'county-auditor'] as const) {
        const roleless = await (await signedIn(apiServer, user)).get('/v1/inbox');
        expect(roleless).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
      }
    });

    it('POST /v1/member-cases', async () => {
      const before = await rowCounts(WRITES);
      const body = {
        name: '越权',
        nationalId: nationalIdFor('19900101', '901'),
        birthDate: '1990-01-01',
        branch: B1,
        applicationDate: TODAY,
      };
      const outsider = await (await as('bc-secretary')).post('/v1/member-cases').send(body);
      expect(outsider).toMatchObject({ status: 403, body: { code: 'NOT_ACTING_BODY' } });
      const auditor = await (await as('county-auditor')).post('/v1/member-cases').send(body);
      expect(auditor).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
      expect(await rowCounts(WRITES)).toEqual(before);
    });

    it('POST bulk-actions refuses each item on its own', async () => {
      const response = await (
        await as('bc-secretary')
      )
        .post('/v1/member-cases/bulk-actions')
        .set('Idempotency-Key', randomUUID())
        .send({
          items: [
            {
              caseId: caseId(),
              action: 'RECORD_TALK',
              input: { date: TODAY, actingBody: BC, ...FIELDS.RECORD_TALK },
            },
          ],
        })
        .expect(200);
      expect(response.body).toMatchObject({
        applied: 0,
        failed: 1,
        results: [{ status: 403, problem: { code: 'OUT_OF_SCOPE' } }],
      });
    });

    it('GET and PUT targets', async () => {
      const outsider = await signedIn(targetsServer, 'xz-organiser');
      expect((await outsider.get('/v1/targets').query({ orgUnit: 'DX-DZ', year: 2026 })).body).toMatchObject({
        status: 403,
        code: 'OUT_OF_SCOPE',
      });
      const member = await signedIn(targetsServer, 'li-xiuying');
      expect((await member.get('/v1/targets').query({ orgUnit: B1, year: 2026 })).body).toMatchObject({
        status: 403,
        code: 'ROLE_NOT_PERMITTED',
      });
      const put = { orgUnit: 'DX-DZ-DC', year: 2031, metric: 'activists', quota: 5 };
      expect((await outsider.put('/v1/targets/quotas').send(put)).body).toMatchObject({
        code: 'OUT_OF_SCOPE',
      });
      const secretary = await signedIn(targetsServer, 'dz-secretary');
      expect((await secretary.put('/v1/targets/quotas').send(put)).body).toMatchObject({
        code: 'ROLE_NOT_PERMITTED',
      });
      const township = await signedIn(targetsServer, 'dz-organiser');
      expect(
        (await township.put('/v1/targets/quotas').send({ ...put, orgUnit: 'DX-DZ' })).body,
      ).toMatchObject({ code: 'OUT_OF_SCOPE' });
    });

    it('lets the candidate read their own case, and nobody else’s', async () => {
      const personId = await withDatabase(async (db) => {
        const { rows } = await db.query<{ person_id: string }>(
          'SELECT person_id FROM member_case WHERE id = $1',
          [caseId()],
        );
        return rows[0]!.person_id;
      });
      const self = await signedIn(apiServer, { ...applicant, person_id: personId });
      await self.get(`/v1/member-cases/${caseId()}`).expect(200);
      expect((await self.get(`/v1/member-cases/${cases[B1]![1]}`).expect(403)).body).toMatchObject({
        code: 'ROLE_NOT_PERMITTED',
      });
    });
  });

  describe('backlog and inbox', () => {
    it('shows a township its subtree only, filtered, and pages through it without gaps or repeats', async () => {
      const township = await as('dz-organiser');
      const all = (await township.get('/v1/backlog').query({ limit: 200 }).expect(200)).body as Page;
      const mine = new Set([...cases[B1]!, ...cases[NC]!]);
      expect(all.items.every((item) => mine.has(item.caseId))).toBe(true);
      expect(all.items.filter((item) => item.action === 'RECORD_TALK')).toHaveLength(6);
      expect(all.items[0]).toMatchObject({ action: 'RECORD_TALK', overdue: true });
      expect(all.items[0]!.endpoint).toBe(`/v1/member-cases/${all.items[0]!.caseId}/talk`);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (
          await township
            .get('/v1/backlog')
            .query({ limit: 2, ...(cursor ? { cursor } : {}) })
            .expect(200)
        ).body as Page;
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map((item) => item.id));

      const overdue = (await township.get('/v1/backlog').query({ overdue: true }).expect(200)).body as Page;
      expect(overdue.items).toHaveLength(4);
      const soon = (await township.get('/v1/backlog').query({ breachingWithinDays: 30 }).expect(200))
        .body as Page;
      expect(soon.items).toHaveLength(2);
      const village = (
        await township.get('/v1/backlog').query({ orgUnit: 'DX-DZ-DC', stage: 'S1' }).expect(200)
      ).body as Page;
      expect(new Set(village.items.map((item) => item.caseId))).toEqual(new Set(cases[B1]));
      await township.get('/v1/backlog').query({ cursor: 'garbage' }).expect(400);
      await township.get('/v1/backlog').query({ sort: 'sideways' }).expect(400);
    });

    it('counts open tasks per child unit with deadline and waiting buckets', async () => {
      const summary = (await (await as('dz-organiser')).get('/v1/backlog/summary').expect(200)).body as {
        total: { open: number; overdue: number };
        children: { orgUnit: { code: string }; open: number; overdue: number; dueWithin30Days: number }[];
      };
      const child = (code: string) => summary.children.find((c) => c.orgUnit.code === code);
      expect(child('DX-DZ-DC')).toMatchObject({ open: 3, overdue: 2, dueWithin30Days: 1 });
      expect(child(NC)).toMatchObject({ open: 3, overdue: 2 });
      expect(child('DX-DZ-XC')).toMatchObject({ open: 0 });
      expect(summary.total).toMatchObject({ open: 6, overdue: 4 });
    });

    it('gives each caller the actions their own unit and role can take, soonest first', async () => {
      const branch = (await (await as('dc-b1-committee-member')).get('/v1/inbox').expect(200)).body as Page;
      expect(new Set(branch.items.map((item) => item.caseId))).toEqual(new Set(cases[B1]));
      expect(branch.items.map((item) => item.dueOn)).toEqual(
        [...branch.items.map((item) => item.dueOn)].sort(),
      );
      const township = (await (await as('dz-organiser')).get('/v1/inbox').expect(200)).body as Page;
      expect(township.items).toEqual([]); // nothing awaited from the committee yet
    });
  });

  describe('bulk decisions', () => {
    it('clears a mixed backlog in one call: valid items recorded, each invalid one answered, a retry records nothing twice', async () => {
      // The branches make activists; filing them with the township (step 4) is then awaited from DX-DZ.
      const branchAgents: Record<string, TestAgent> = {
        [B1]: await as('dc-b1-committee-member'),
        [NC]: await as('nc-secretary'),
      };
      for (const branch of [B1, NC]) {
        for (const id of cases[branch]!) {
          const agent = branchAgents[branch]!;
          await agent
            .post(`/v1/member-cases/${id}/talk`)
            .send({ date: TODAY, actingBody: branch, talker: '书记', summary: '谈话' })
            .expect(200);
          await agent
            .post(`/v1/member-cases/${id}/activist`)
            .send({ date: TODAY, actingBody: branch, recommendation: 'PARTY_MEMBERS' })
            .expect(200);
        }
      }
      const township = await as('dz-organiser');
      const inbox = (await township.get('/v1/inbox').expect(200)).body as Page;
      expect(inbox.items.map((item) => item.action)).toEqual(Array(6).fill('FILE_ACTIVIST'));

      const file = (caseId: string, input: object = {}) => ({
        caseId,
        action: 'FILE_ACTIVIST',
        input: { date: TODAY, actingBody: 'DX-DZ', ...input },
      });
      const [b1a, b1b, b1c] = cases[B1]!;
      const [nca, ncb] = cases[NC]!;
      const items = [
        file(b1a!),
        file(b1b!),
        file(nca!),
        file(cases[BC]![0]!), // another township's case
        file(ncb!, { date: 'yesterday' }), // malformed
        {
          caseId: b1c!,
          action: 'APPROVE_ACCEPTANCE',
          input: { date: TODAY, actingBody: 'DX-DZ', ...approval },
        }, // too early
        {
          caseId: b1c!,
          action: 'RECORD_TALK',
          input: { date: TODAY, actingBody: 'DX-DZ', talker: 'x', summary: 'y' },
        }, // not the committee's step
        file(randomUUID()), // no such case
        file(b1a!), // the same decision twice
        file(b1c!, { date: addDays(TODAY, -30) }), // dated before the activist was determined
      ];
      const key = randomUUID();
      const first = (
        await township
          .post('/v1/member-cases/bulk-actions')
          .set('Idempotency-Key', key)
          .send({ items })
          .expect(200)
      ).body as {
        applied: number;
        failed: number;
        results: { index: number; status: number; problem?: { code: string } }[];
      };
      expect(first.results.map((r) => [r.index, r.status, r.problem?.code])).toEqual([
        [0, 200, undefined],
        [1, 200, undefined],
        [2, 200, undefined],
        [3, 403, 'OUT_OF_SCOPE'],
        [4, 400, 'REQUEST_VALIDATION_FAILED'],
        [5, 422, 'STEP_OUT_OF_ORDER'],
        [6, 403, 'ROLE_NOT_PERMITTED'],
        [7, 404, 'MEMBER_CASE_NOT_FOUND'],
        [8, 409, 'DUPLICATE_ITEM'],
        [9, 422, 'DATE_BEFORE_PREVIOUS_STEP'],
      ]);
      expect(first).toMatchObject({ applied: 3, failed: 7 });

      const filings = () =>
        withDatabase(async (db) => {
          const { rows } = await db.query<{ count: string }>(
            "SELECT count(*)::text AS count FROM dossier_record WHERE action = 'FILE_ACTIVIST'",
          );
          return Number(rows[0]!.count);
        });
      expect(await filings()).toBe(3);
      const retried = (
        await township
          .post('/v1/member-cases/bulk-actions')
          .set('Idempotency-Key', key)
          .send({ items })
          .expect(200)
      ).body as typeof first;
      expect(retried.results.map((r) => r.status)).toEqual(first.results.map((r) => r.status));
      expect(await filings()).toBe(3);
      // Who entered it is on the record.
      const recorder = await withDatabase(async (db) => {
        const { rows } = await db.query<{ actor_id: string }>(
          "SELECT actor_id FROM dossier_record WHERE action = 'FILE_ACTIVIST' LIMIT 1",
        );
        return rows[0]!.actor_id;
      });
      expect(recorder).toBe('dz-organiser');
      const left = (await township.get('/v1/inbox').expect(200)).body as Page;
      expect(new Set(left.items.map((item) => item.caseId))).toEqual(new Set([b1c, ncb, cases[NC]![2]]));
      await township.post('/v1/member-cases/bulk-actions').send({ items }).expect(400);
    });
  });

  describe('delegation', () => {
    it('lets a stand-in act for an absent organiser while the delegation lasts, on the record as acting for', async () => {
      const organiser = await as('dz-organiser');
      const created = (
        await organiser
          .post('/v1/delegations')
          .send({
            delegate: 'dz-secretary',
            roles: ['ORGANISER'],
            validFrom: new Date(Date.now() - 60_000).toISOString(),
            validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            reason: '参加县委党校培训',
          })
          .expect(201)
      ).body as { id: string };
      const standIn = (await as('dz-secretary')).set('Acting-For', created.id);
      const caseId = cases[NC]![2]!;
      await standIn
        .post(`/v1/member-cases/${caseId}/activist-filing`)
        .send({ date: TODAY, actingBody: 'DX-DZ' })
        .expect(200);
      const record = await withDatabase(async (db) => {
        const { rows } = await db.query<{ actor_id: string; data: { recordedBy: { actingFor: string } } }>(
          "SELECT actor_id, data FROM dossier_record WHERE case_id = $1 AND action = 'FILE_ACTIVIST'",
          [caseId],
        );
        return rows[0]!;
      });
      expect(record.actor_id).toBe('dz-secretary');
      expect(record.data.recordedBy).toMatchObject({ subject: 'dz-secretary', actingFor: 'dz-organiser' });

      // Only the named stand-in may use it; it cannot be passed on; once revoked it is over.
      const other = (await as('nc-secretary')).set('Acting-For', created.id);
      expect((await other.get('/v1/inbox').expect(403)).body).toMatchObject({
        code: 'DELEGATION_NOT_ACTIVE',
      });
      const chained = await standIn.post('/v1/delegations').send({
        delegate: 'nc-secretary',
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        reason: '转委托',
      });
      expect(chained.body).toMatchObject({ status: 403, code: 'DELEGATION_CHAIN_FORBIDDEN' });
      const tooLong = await organiser.post('/v1/delegations').send({
        delegate: 'dz-secretary',
        roles: ['AUDITOR'],
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + 120 * 86_400_000).toISOString(),
        reason: '长期',
      });
      expect(tooLong.body).toMatchObject({ status: 422, code: 'DELEGATION_ROLES_NOT_HELD' });
      expect((tooLong.body as { violations: { code: string }[] }).violations.map((v) => v.code)).toContain(
        'DELEGATION_PERIOD_INVALID',
      );
      expect((await standIn.delete(`/v1/delegations/${created.id}`).expect(403)).body).toMatchObject({
        code: 'NOT_THE_DELEGATOR',
      });
      await organiser.delete(`/v1/delegations/${created.id}`).expect(200);
      expect((await standIn.get('/v1/inbox').expect(403)).body).toMatchObject({
        code: 'DELEGATION_NOT_ACTIVE',
      });
    });
  });
});
